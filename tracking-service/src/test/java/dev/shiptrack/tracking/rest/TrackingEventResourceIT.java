package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TrackingEventResourceTest} against the built artifact: owner allowed, other tenant 404, through the edge's IAM. */
@QuarkusIntegrationTest
class TrackingEventResourceIT extends TrackingEventResourceTest {
}
