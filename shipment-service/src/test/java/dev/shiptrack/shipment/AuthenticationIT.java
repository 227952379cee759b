package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the built artifact: RS256 verification, pinned issuer and audience. */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
