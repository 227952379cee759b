package dev.shiptrack.tracking.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DeliveryDocumentResourceTest} against the built artifact: S3 under tenant prefixes, size limits. */
@QuarkusIntegrationTest
class DeliveryDocumentResourceIT extends DeliveryDocumentResourceTest {
}
