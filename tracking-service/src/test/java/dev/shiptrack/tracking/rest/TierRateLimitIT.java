package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TierRateLimitTest} against the built artifact (the native executable under {@code -Dnative}). */
@QuarkusIntegrationTest
class TierRateLimitIT extends TierRateLimitTest {
}
