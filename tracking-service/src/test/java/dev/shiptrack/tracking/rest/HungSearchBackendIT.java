package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HungSearchBackendTest} against the built artifact (the native executable in ./native-build). */
@QuarkusIntegrationTest
class HungSearchBackendIT extends HungSearchBackendTest {
}
