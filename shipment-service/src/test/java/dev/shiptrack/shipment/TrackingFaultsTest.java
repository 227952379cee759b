package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.support.Database;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * What shipment-service does when tracking-service is down, slow or failing: timeouts, the retried read, the
 * rolled-back create and the circuit breaker. JVM only: each test starts with closed breakers, and their state can
 * only be reset from inside the process ({@link CircuitBreakerMaintenance}).
 */
@QuarkusTest
@ExtendWith(TestTenants.class)
class TrackingFaultsTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @BeforeEach
    void trackingServiceIsUp() {
        TrackingStub.up();
        TrackingStub.forgetRequests();
        circuitBreakers.resetAll();
    }

    @AfterEach
    void closeCircuitBreakers() {
        TrackingStub.up();
        circuitBreakers.resetAll();
    }

    @Test
    void shouldReturnShipmentWithTrackingUnavailableWhenTrackingServiceIsDown() {
        String marker = Shipments.marker("yellow");
        UUID id = Shipments.create(YELLOW, marker);
        TrackingStub.down();

        as(YELLOW).get("/shipments/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("orderReference", equalTo("ORD-" + marker))
                .body("tracking.available", equalTo(false))
                .body("tracking.status", equalTo(null));
    }

    @Test
    void shouldReturnShipmentWithTrackingUnavailableWhenTrackingServiceIsSlow() {
        UUID id = Shipments.create(YELLOW, Shipments.marker("yellow"));
        TrackingStub.slow();

        as(YELLOW).get("/shipments/" + id)
                .then().statusCode(200)
                .body("tracking.available", equalTo(false));
    }

    @Test
    void shouldRetryTheReadTwiceAndTheKeyedRecordingOnce() {
        UUID id = Shipments.create(YELLOW, Shipments.marker("yellow"));
        TrackingStub.failing();
        TrackingStub.forgetRequests();

        as(YELLOW).get("/shipments/" + id).then().statusCode(200).body("tracking.available", equalTo(false));
        assertThat(TrackingStub.requests()).as("one call and two retries").hasSize(3)
                .allSatisfy(request -> assertThat(request).containsEntry("method", "GET"));

        TrackingStub.forgetRequests();
        as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(Shipments.marker("yellow"))).post("/shipments")
                .then().statusCode(503);
        assertThat(TrackingStub.requests()).as("one recording and one retry, under one key").hasSize(2)
                .extracting(request -> request.get("idempotencyKey")).containsOnly(
                        TrackingStub.requests().get(0).get("idempotencyKey"))
                .allSatisfy(key -> assertThat(key).startsWith("label-created-"));
    }

    @Test
    void shouldNotRetryWhenTrackingServiceAnswersUnavailable() {
        UUID id = Shipments.create(YELLOW, Shipments.marker("yellow"));
        TrackingStub.unavailable();
        TrackingStub.forgetRequests();

        as(YELLOW).get("/shipments/" + id).then().statusCode(200).body("tracking.available", equalTo(false));
        assertThat(TrackingStub.requests()).as("the read, not retried").hasSize(1);

        TrackingStub.forgetRequests();
        as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(Shipments.marker("yellow"))).post("/shipments")
                .then().statusCode(503).body("type", equalTo("urn:shiptrack:problem:tracking-unavailable"));
        assertThat(TrackingStub.requests()).as("the recording, not retried").hasSize(1);
    }

    @Test
    void shouldNotRetryWhatTrackingServiceRefuses() {
        UUID id = Shipments.create(YELLOW, Shipments.marker("yellow"));
        TrackingStub.refusing();
        TrackingStub.forgetRequests();

        as(YELLOW).get("/shipments/" + id).then().statusCode(200).body("tracking.available", equalTo(false));
        as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(Shipments.marker("yellow"))).post("/shipments")
                .then().statusCode(503);

        assertThat(TrackingStub.requests()).as("one read and one recording, neither retried").hasSize(2);
    }

    @Test
    void shouldCreateTheShipmentWhenTheFirstAnswerOfTrackingServiceIsLost() throws SQLException {
        String marker = Shipments.marker("yellow");
        TrackingStub.slowOnce();

        String id = as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(marker)).post("/shipments")
                .then().statusCode(201).extract().path("id");

        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(1);
        assertThat(TrackingStub.requests()).as("the lost attempt and its retry").hasSize(2)
                .allSatisfy(request -> assertThat(request).containsEntry("idempotencyKey", "label-created-" + id));
    }

    @Test
    void shouldStoreNothingWhenTrackingServiceCannotRecordTheLabel() throws SQLException {
        String marker = Shipments.marker("yellow");
        TrackingStub.down();

        as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(marker)).post("/shipments")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("10"))
                .body("type", equalTo("urn:shiptrack:problem:tracking-unavailable"));

        assertThat(Database.countByOrderReference("ORD-" + marker)).as("rolled back").isZero();
        TrackingStub.up();
        String page = as(YELLOW).get("/shipments?size=100").then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain(marker);
    }

    @Test
    void shouldStopCallingTrackingServiceWhenTheCircuitIsOpen() {
        UUID id = Shipments.create(YELLOW, Shipments.marker("yellow"));
        TrackingStub.failing();
        TrackingStub.forgetRequests();

        int reads = 6;
        for (int i = 0; i < reads; i++) {
            as(YELLOW).get("/shipments/" + id).then().statusCode(200).body("tracking.available", equalTo(false));
        }

        // Without a breaker each read would reach the stub 3 times (call + 2 retries).
        assertThat(TrackingStub.requests()).hasSizeLessThan(reads * 3);
        TrackingStub.up();
        as(YELLOW).get("/shipments/" + id).then().statusCode(200).body("tracking.available", equalTo(false));
    }
}
