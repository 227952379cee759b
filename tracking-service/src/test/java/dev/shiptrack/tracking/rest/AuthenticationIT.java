package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the built artifact (the native executable under {@code -Dnative}): RS256 verification. */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
