package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OperationsTest} against the built artifact: health, OpenAPI, Swagger UI and metrics. */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {
}
