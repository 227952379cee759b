package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code Idempotency-Key} on {@code POST /tracking/{id}/events}: a retry records nothing new, a key is per tenant. */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class IdempotentRecordingTest {

    private final String shipment = "SHP-" + UUID.randomUUID();
    private final String key = UUID.randomUUID().toString();
    private final String body = event("IN_TRANSIT", "Antwerp", Instant.now().minus(1, ChronoUnit.HOURS)
            .truncatedTo(ChronoUnit.SECONDS), "idempotent " + key);

    @Test
    void shouldAnswerARetryWithTheFirstEventAndRecordItOnce() {
        Response first = post(YELLOW, key, body);
        Response retry = post(YELLOW, key, body);

        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("event.eventId")).isEqualTo(first.jsonPath().getString("event.eventId"));
        assertThat(retry.jsonPath().getBoolean("indexed")).isTrue();
        assertThat(eventIds(YELLOW)).containsExactly(first.jsonPath().getString("event.eventId"));
    }

    @Test
    void shouldRecordADefaultedTimeOnceWhenARequestWithoutTimeIsRetried() {
        String withoutTime = "{\"status\": \"LABEL_CREATED\", \"note\": \"label " + key + "\"}";
        Response first = post(YELLOW, key, withoutTime);
        Response retry = post(YELLOW, key, withoutTime);

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.jsonPath().getString("event.time")).isEqualTo(first.jsonPath().getString("event.time"));
        assertThat(eventIds(YELLOW)).hasSize(1);
    }

    @Test
    void shouldRefuseTheSameKeyForAnotherRequestAndStoreNothing() {
        Response first = post(YELLOW, key, body);
        Response other = post(YELLOW, key, body.replace("Antwerp", "Lille"));

        assertThat(other.statusCode()).as(other.asString()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.jsonPath().getString("type")).endsWith("idempotency-key-reused");
        assertThat(eventIds(YELLOW)).containsExactly(first.jsonPath().getString("event.eventId"));
    }

    @Test
    void shouldNeverMatchAnotherTenantsKey() {
        Response yellows = post(YELLOW, key, body);
        Response blues = post(BLUE, key, body);

        assertThat(blues.statusCode()).as(blues.asString()).isEqualTo(201);
        assertThat(blues.header("Idempotent-Replayed")).isNull();
        assertThat(blues.jsonPath().getString("event.eventId"))
                .isNotEqualTo(yellows.jsonPath().getString("event.eventId"));
        assertThat(eventIds(BLUE)).containsExactly(blues.jsonPath().getString("event.eventId"));
        assertThat(eventIds(YELLOW)).containsExactly(yellows.jsonPath().getString("event.eventId"));
    }

    @Test
    void shouldRecordOneEventWhenRetriesRace() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Response>> racing = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(YELLOW, key, body), clients)).toList();
            List<Response> answers = racing.stream().map(CompletableFuture::join).toList();

            assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.asString())
                    .isEqualTo(201));
            assertThat(answers).extracting(answer -> answer.jsonPath().getString("event.eventId"))
                    .containsOnly(answers.get(0).jsonPath().getString("event.eventId"));
            assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
            assertThat(eventIds(YELLOW)).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shouldRefuseAMalformedKeyAndStoreNothing() {
        Response refused = post(YELLOW, "two words#", body);

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("detail")).contains("Idempotency-Key");
        as(YELLOW).get("/tracking/{id}/events", shipment).then().statusCode(404);
    }

    private Response post(String tenant, String idempotencyKey, String json) {
        return as(tenant).header("Idempotency-Key", idempotencyKey).body(json)
                .post("/tracking/{id}/events", shipment);
    }

    private List<String> eventIds(String tenant) {
        return as(tenant).get("/tracking/{id}/events", shipment).then().statusCode(200)
                .extract().jsonPath().getList("events.eventId", String.class);
    }
}
