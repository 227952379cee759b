package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdempotentShipmentTest} against the built artifact (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class IdempotentShipmentIT extends IdempotentShipmentTest {
}
