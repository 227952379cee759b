package dev.shiptrack.tenant.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OwnTenantTest} against the built artifact: the native executable under {@code -Dnative}. */
@QuarkusIntegrationTest
class OwnTenantIT extends OwnTenantTest {
}
