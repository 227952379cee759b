package dev.shiptrack.tenant.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantRoutingTest} against the built artifact: the native executable under {@code -Dnative}. */
@QuarkusIntegrationTest
class TenantRoutingIT extends TenantRoutingTest {
}
