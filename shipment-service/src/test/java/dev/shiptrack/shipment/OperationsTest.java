package dev.shiptrack.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStub;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI and metrics endpoints answer without a token and show what operators need. */
@QuarkusTest
@ExtendWith(TestTenants.class)
class OperationsTest {

    /** Tests of what only the HTTP server does, left out when the same suites drive the Lambda function. */
    static final String HTTP_SERVER = "http-server";

    @Test
    void shouldReportLiveness() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldReportReadinessWithPostgresql() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void shouldStayReadyAndReportWhenTrackingServiceIsDown() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'tracking-service' }.data.reachable", equalTo(true));
        TrackingStub.down();
        try {
            given().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'tracking-service' }.data.reachable", equalTo(false));
        } finally {
            TrackingStub.up();
        }
    }

    @Test
    void shouldPublishOpenApiWithTheShipmentEndpoints() {
        given().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/shipments"))
                .body("paths", org.hamcrest.Matchers.hasKey("/shipments/{id}"));
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    @Tag(HTTP_SERVER)
    void shouldExposePrometheusMetricsOfTheEndpoints() {
        Shipments.as(TestTokens.forTenant("yellow")).get("/shipments").then().statusCode(200);

        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/shipments\""));
    }
}
