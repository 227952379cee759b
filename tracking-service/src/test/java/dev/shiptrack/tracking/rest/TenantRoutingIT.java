package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link TenantRoutingTest} against the built artifact (the native executable under {@code -Dnative}): the routes
 * registry read through the SDK, host resolution and the header refusals.
 */
@QuarkusIntegrationTest
class TenantRoutingIT extends TenantRoutingTest {
}
