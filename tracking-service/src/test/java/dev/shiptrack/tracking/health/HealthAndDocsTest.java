package dev.shiptrack.tracking.health;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class HealthAndDocsTest {

    /** Tests of what only the HTTP server does, left out when the same suites drive the Lambda function. */
    static final String HTTP_SERVER = "http-server";

    @Test
    void shouldReportEveryBackendReachableWithoutTenantCredentials() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("backends"))
                .body("checks.find { it.name == 'backends' }.data.dynamodb", equalTo("reachable"))
                .body("checks.find { it.name == 'backends' }.data.opensearch", equalTo("reachable"))
                .body("checks.find { it.name == 'backends' }.data.s3", equalTo("reachable"))
                .body("checks.find { it.name == 'backends' }.data.sts", equalTo("reachable"));
    }

    @Test
    void shouldBeAlive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldPublishTheOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/tracking/{shipmentId}/events"))
                .body(containsString("/tracking/{shipmentId}/documents/{name}"));
    }

    /**
     * Counted by the HTTP server's metrics; a Lambda function (the {@code lambda} profile) gets its requests as
     * events instead, and API Gateway and Lambda count them.
     */
    @Test
    @Tag(HTTP_SERVER)
    void shouldCountRequestsPerEndpointInTheMetrics() {
        as(YELLOW).get("/tracking/{id}/events", "SHP-metrics").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/tracking/{shipmentId}/events\""));
    }
}
