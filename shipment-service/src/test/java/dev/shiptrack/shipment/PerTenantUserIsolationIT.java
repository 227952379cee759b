package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PerTenantUserIsolationTest} against the built artifact, one database role per tenant. */
@QuarkusIntegrationTest
class PerTenantUserIsolationIT extends PerTenantUserIsolationTest {
}
