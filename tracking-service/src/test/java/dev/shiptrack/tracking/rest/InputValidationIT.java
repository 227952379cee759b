package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link InputValidationTest} against the built artifact: every bad input answers a problem body. */
@QuarkusIntegrationTest
class InputValidationIT extends InputValidationTest {
}
