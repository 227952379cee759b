package dev.shiptrack.shipment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link EdgeRoutingTest} against the built artifact (the native executable under {@code -Dnative}): the routes
 * registry read with the DynamoDB client shipment-service now has, the edge's HMAC, and the headers forwarded.
 */
@QuarkusIntegrationTest
class EdgeRoutingIT extends EdgeRoutingTest {
}
