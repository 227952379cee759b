package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Tokens.YELLOW;
import static dev.shiptrack.tracking.Requests.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class InputValidationTest {

    private final String shipment = "SHP-" + UUID.randomUUID();

    @Test
    void shouldRefuseMalformedJsonWithAProblem() {
        post("{\"status\": \"IN_TRANSIT\", ").statusCode(400).body("status", equalTo(400));
        nothingStored();
    }

    @Test
    void shouldRefuseAnUnknownStatus() {
        post("{\"status\": \"LOST_IN_SPACE\"}").statusCode(400).body("detail", containsString("status must be one of"));
        nothingStored();
    }

    @Test
    void shouldRefuseAMissingStatus() {
        post("{\"note\": \"no status\"}").statusCode(400).body("detail", equalTo("status is required"));
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        post("").statusCode(400);
    }

    @Test
    void shouldRefuseATimeWithoutOffset() {
        post("{\"status\": \"IN_TRANSIT\", \"time\": \"2026-11-24T10:15:30\"}").statusCode(400)
                .body("detail", containsString("ISO-8601"));
    }

    @Test
    void shouldRefuseATimeFarInTheFuture() {
        post("{\"status\": \"IN_TRANSIT\", \"time\": \"2999-01-01T00:00:00Z\"}").statusCode(400);
        nothingStored();
    }

    @Test
    void shouldRefuseATooLongNote() {
        post("{\"status\": \"IN_TRANSIT\", \"note\": \"" + "n".repeat(2001) + "\"}").statusCode(400)
                .body("detail", equalTo("note must have at most 2000 characters"));
    }

    @Test
    void shouldRefuseAnOversizedEventBody() {
        post("{\"status\": \"IN_TRANSIT\", \"note\": \"" + "n".repeat(20_000) + "\"}").statusCode(413)
                .body("status", equalTo(413));
        nothingStored();
    }

    @Test
    void shouldRefuseAMalformedShipmentId() {
        as(YELLOW).body("{\"status\": \"IN_TRANSIT\"}").post("/tracking/{id}/events", "bad_id#1")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("shipmentId must match [A-Za-z0-9-]{1,64}"));
        as(YELLOW).get("/tracking/{id}/eta", "x".repeat(65))
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseASearchWithoutQuery() {
        as(YELLOW).get("/tracking/search").then().statusCode(400).contentType("application/problem+json");
        as(YELLOW).queryParam("q", "q".repeat(257)).get("/tracking/search")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerAnUnsupportedMediaTypeWithAProblem() {
        as(YELLOW).contentType("text/plain").body("IN_TRANSIT").post("/tracking/{id}/events", shipment)
                .then().statusCode(415).contentType("application/problem+json");
    }

    private ValidatableResponse post(String body) {
        return as(YELLOW).body(body).post("/tracking/{id}/events", shipment)
                .then().contentType("application/problem+json");
    }

    private void nothingStored() {
        as(YELLOW).get("/tracking/{id}/events", shipment).then().statusCode(404);
    }
}
