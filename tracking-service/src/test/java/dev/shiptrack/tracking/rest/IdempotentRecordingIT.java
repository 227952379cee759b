package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdempotentRecordingTest} against the built artifact (the native executable in ./native-build). */
@QuarkusIntegrationTest
class IdempotentRecordingIT extends IdempotentRecordingTest {
}
