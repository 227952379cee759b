package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HungDatabaseTest} against the built artifact (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class HungDatabaseIT extends HungDatabaseTest {
}
