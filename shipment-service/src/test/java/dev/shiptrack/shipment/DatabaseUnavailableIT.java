package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DatabaseUnavailableTest} against the built artifact (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class DatabaseUnavailableIT extends DatabaseUnavailableTest {
}
