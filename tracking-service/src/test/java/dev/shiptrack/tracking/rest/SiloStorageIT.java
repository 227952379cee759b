package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SiloStorageTest} against the built artifact (the native executable under {@code -Dnative}). */
@QuarkusIntegrationTest
class SiloStorageIT extends SiloStorageTest {
}
