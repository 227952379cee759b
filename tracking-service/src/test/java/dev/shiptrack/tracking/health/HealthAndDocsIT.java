package dev.shiptrack.tracking.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthAndDocsTest} against the built artifact: readiness, OpenAPI and metrics. */
@QuarkusIntegrationTest
class HealthAndDocsIT extends HealthAndDocsTest {
}
