package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusTest;

/** The isolation contract with the default {@code pooled} strategy (one application role, app.tenant_id). */
@QuarkusTest
class PooledTenantIsolationTest extends TenantIsolationContract {
}
