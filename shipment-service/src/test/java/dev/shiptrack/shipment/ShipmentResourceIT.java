package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ShipmentResourceTest} against the built artifact (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class ShipmentResourceIT extends ShipmentResourceTest {
}
