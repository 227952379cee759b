package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class TrackingEventResourceTest {

    private final String shipment = "SHP-" + UUID.randomUUID();
    private final String secretWord = "zanzibar" + UUID.randomUUID().toString().replace("-", "");
    private final Instant dayAgo = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void shouldRecordEventsAndListThemOldestFirst() {
        as(YELLOW).body(event("IN_TRANSIT", "Rotterdam hub", dayAgo.plusSeconds(3600), "left the hub"))
                .post("/tracking/{id}/events", shipment)
                .then().statusCode(201)
                .header("Location", endsWith("/tracking/" + shipment + "/events"))
                .body("indexed", equalTo(true))
                .body("event.shipmentId", equalTo(shipment))
                .body("event.status", equalTo("IN_TRANSIT"));
        record(YELLOW, "LABEL_CREATED", dayAgo, "label printed");

        as(YELLOW).get("/tracking/{id}/events", shipment)
                .then().statusCode(200)
                .body("shipmentId", equalTo(shipment))
                .body("events.status", contains("LABEL_CREATED", "IN_TRANSIT"))
                .body("events.location", contains("Rotterdam hub", "Rotterdam hub"));
    }

    @Test
    void shouldEstimateDeliveryFromTheLatestEvent() {
        record(YELLOW, "IN_TRANSIT", dayAgo, "on its way");
        as(YELLOW).get("/tracking/{id}/eta", shipment)
                .then().statusCode(200)
                .body("status", equalTo("IN_TRANSIT"))
                .body("delivered", equalTo(false))
                .body("lastEvent.note", equalTo("on its way"))
                .body("estimatedDelivery", equalTo(dayAgo.plus(2, ChronoUnit.DAYS).toString()));

        Instant deliveredAt = dayAgo.plusSeconds(7200);
        record(YELLOW, "DELIVERED", deliveredAt, "handed to the customer");
        as(YELLOW).get("/tracking/{id}/eta", shipment)
                .then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("delivered", equalTo(true))
                .body("estimatedDelivery", equalTo(deliveredAt.toString()));
    }

    @Test
    void shouldFindOwnEventsByFullText() {
        record(YELLOW, "EXCEPTION", dayAgo, "parcel damaged near " + secretWord);
        as(YELLOW).queryParam("q", secretWord).get("/tracking/search")
                .then().statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].shipmentId", equalTo(shipment))
                .body("events[0].status", equalTo("EXCEPTION"));
    }

    @Test
    void shouldAnswerNotFoundForAnotherTenantsHistory() {
        record(YELLOW, "IN_TRANSIT", dayAgo, "note " + secretWord);
        String body = as(BLUE).get("/tracking/{id}/events", shipment)
                .then().statusCode(404).contentType("application/problem+json")
                .extract().asString();
        assertThat(body).doesNotContain(secretWord, "Rotterdam", "IN_TRANSIT");
    }

    @Test
    void shouldAnswerNotFoundForAnotherTenantsEta() {
        record(YELLOW, "OUT_FOR_DELIVERY", dayAgo, "note " + secretWord);
        String body = as(BLUE).get("/tracking/{id}/eta", shipment)
                .then().statusCode(404).contentType("application/problem+json")
                .extract().asString();
        assertThat(body).doesNotContain(secretWord, "Rotterdam", "OUT_FOR_DELIVERY");
    }

    @Test
    void shouldNotFindAnotherTenantsEventsInSearch() {
        record(YELLOW, "IN_TRANSIT", dayAgo, "note " + secretWord);
        String body = as(BLUE).queryParam("q", secretWord).get("/tracking/search")
                .then().statusCode(200)
                .body("events", empty())
                .extract().asString();
        assertThat(body).doesNotContain(secretWord, shipment, "Rotterdam");
    }

    @Test
    void shouldKeepTheSameShipmentIdOfTwoTenantsApart() {
        record(YELLOW, "LABEL_CREATED", dayAgo, "yellow's label");
        record(BLUE, "EXCEPTION", dayAgo.plusSeconds(60), "blue's " + secretWord);

        String yellowHistory = as(YELLOW).get("/tracking/{id}/events", shipment)
                .then().statusCode(200).body("events.note", contains("yellow's label"))
                .extract().asString();
        assertThat(yellowHistory).doesNotContain(secretWord);
        as(BLUE).get("/tracking/{id}/events", shipment)
                .then().statusCode(200).body("events.note", contains("blue's " + secretWord));
    }

    private void record(String tenant, String status, Instant time, String note) {
        as(tenant).body(event(status, "Rotterdam hub", time, note))
                .post("/tracking/{id}/events", shipment)
                .then().statusCode(201);
    }
}
