package dev.shiptrack.tenant.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantStorageTest} against the built artifact: the native executable under {@code -Dnative}. */
@QuarkusIntegrationTest
class TenantStorageIT extends TenantStorageTest {
}
