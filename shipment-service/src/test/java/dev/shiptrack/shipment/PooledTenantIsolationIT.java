package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PooledTenantIsolationTest} against the built artifact: owner allowed, other tenant 404, inactive 403. */
@QuarkusIntegrationTest
class PooledTenantIsolationIT extends PooledTenantIsolationTest {
}
