package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The isolation contract with the {@code per-tenant-user} strategy (one database role per tenant). */
@QuarkusTest
@TestProfile(PerTenantUserProfile.class)
class PerTenantUserIsolationTest extends TenantIsolationContract {
}
