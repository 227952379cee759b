package dev.shiptrack.tenant.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HungRegistryTest} against the built artifact: the native executable under {@code -Dnative}. */
@QuarkusIntegrationTest
class HungRegistryIT extends HungRegistryTest {
}
