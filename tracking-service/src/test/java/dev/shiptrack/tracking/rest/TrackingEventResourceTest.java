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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

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
    void shouldCompressAHistoryForClientsThatAcceptGzip() {
        for (int i = 0; i < 20; i++) {
            record(YELLOW, "IN_TRANSIT", dayAgo.plusSeconds(i), "scan " + i + " of a long journey");
        }
        Response compressed = as(YELLOW).header("Accept-Encoding", "gzip").get("/tracking/{id}/events", shipment);
        compressed.then().statusCode(200).header("Content-Encoding", equalTo("gzip"))
                .body("events", hasSize(20))
                .body("events[19].note", equalTo("scan 19 of a long journey"));
        as(YELLOW).config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/tracking/{id}/events", shipment)
                .then().statusCode(200).header("Content-Encoding", nullValue()).body("events", hasSize(20));
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
    void shouldGiveTheEstimateInTheCallersTimeZoneWithItsDaylightSavingOffset() {
        record(YELLOW, "IN_TRANSIT", Instant.parse("2026-07-01T10:00:00Z"), "summer");
        as(YELLOW).queryParam("zone", "Europe/Amsterdam").get("/tracking/{id}/eta", shipment)
                .then().statusCode(200)
                .body("estimatedDelivery", equalTo("2026-07-03T10:00:00Z"))
                .body("estimatedDeliveryLocal", equalTo("2026-07-03T12:00:00+02:00"));
        as(YELLOW).queryParam("zone", "Asia/Kolkata").get("/tracking/{id}/eta", shipment)
                .then().statusCode(200).body("estimatedDeliveryLocal", equalTo("2026-07-03T15:30:00+05:30"));

        record(YELLOW, "OUT_FOR_DELIVERY", Instant.parse("2026-07-02T10:00:00Z"), "winter in the south");
        as(YELLOW).queryParam("zone", "America/Sao_Paulo").get("/tracking/{id}/eta", shipment)
                .then().statusCode(200).body("estimatedDeliveryLocal", equalTo("2026-07-02T15:00:00-03:00"));
        as(YELLOW).queryParam("zone", "Europe/Amsterdam").get("/tracking/{id}/eta", shipment + "-none")
                .then().statusCode(404);
    }

    @Test
    void shouldGiveTheWinterOffsetOfTheSameZoneInWinter() {
        record(YELLOW, "LABEL_CREATED", Instant.parse("2026-01-10T10:00:00Z"), "winter");
        as(YELLOW).queryParam("zone", "Europe/Amsterdam").get("/tracking/{id}/eta", shipment)
                .then().statusCode(200).body("estimatedDeliveryLocal", equalTo("2026-01-13T11:00:00+01:00"));
        as(YELLOW).get("/tracking/{id}/eta", shipment)
                .then().statusCode(200).body("$", not(hasKey("estimatedDeliveryLocal")));
    }

    @Test
    void shouldRefuseAnUnknownTimeZoneWithAProblem() {
        record(YELLOW, "IN_TRANSIT", dayAgo, "on its way");
        as(YELLOW).queryParam("zone", "Mars/Olympus_Mons").get("/tracking/{id}/eta", shipment)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("zone must be a time-zone id"));
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

    @Test
    void shouldRefuseEveryEndpointToATenantTheControlPlaneSuspended() {
        String suspended = TrackingBackendsResource.SUSPENDED_TENANT;

        for (var answer : List.of(as(suspended).get("/tracking/{id}/events", shipment),
                as(suspended).get("/tracking/{id}/eta", shipment),
                as(suspended).queryParam("q", "parcel").get("/tracking/search"),
                as(suspended).body(event("IN_TRANSIT", "Rotterdam hub", dayAgo, "while suspended"))
                        .post("/tracking/{id}/events", shipment))) {
            answer.then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:shiptrack:problem:tenant-suspended"));
        }
    }

    @Test
    void shouldRefuseATenantTheControlPlaneNeverOnboarded() {
        as("purple").get("/tracking/{id}/events", shipment)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:tenant-not-registered"));
    }

    private void record(String tenant, String status, Instant time, String note) {
        as(tenant).body(event(status, "Rotterdam hub", time, note))
                .post("/tracking/{id}/events", shipment)
                .then().statusCode(201);
    }
}
