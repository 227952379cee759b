package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PerTenantUserHungDatabaseTest} against the built artifact. */
@QuarkusIntegrationTest
class PerTenantUserHungDatabaseIT extends PerTenantUserHungDatabaseTest {
}
