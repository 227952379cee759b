package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link HungDatabaseTest} with the {@code per-tenant-user} strategy: the tenant pools are bounded the same way. */
@QuarkusTest
@TestProfile(PerTenantUserProfile.class)
class PerTenantUserHungDatabaseTest extends HungDatabaseTest {
}
