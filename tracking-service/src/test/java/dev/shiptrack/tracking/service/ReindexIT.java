package dev.shiptrack.tracking.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ReindexTest} against the built artifact: the scheduler re-indexes what indexing missed. */
@QuarkusIntegrationTest
class ReindexIT extends ReindexTest {
}
