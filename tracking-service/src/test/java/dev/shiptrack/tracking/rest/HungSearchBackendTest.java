package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.testsupport.Timed;
import dev.shiptrack.testsupport.UnavailableAnswers;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * OpenSearch hung (SIGSTOP: its port still accepts connections, nothing answers), the common failure that a refused
 * connection does not show: writes keep the event and say so, searches answer 503 at once instead of waiting, and
 * readiness tells the truth; after the hang, readiness recovers and the event kept meanwhile becomes searchable.
 */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class HungSearchBackendTest {

    /**
     * A bound that proves the waiting is cut short (the SDK's default read timeout was 30 s) and leaves room for a
     * busy machine; the figures measured against the 2 s target are in docs/reliability.md.
     */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final String shipment = "SHP-" + UUID.randomUUID();
    private final String word = "hung" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void shouldKeepWritingAndRefuseSearchesPromptlyWhileOpenSearchHangs() throws Exception {
        as(YELLOW).body(event("LABEL_CREATED", "Ghent", Instant.now().minusSeconds(120), "before the hang"))
                .post("/tracking/{id}/events", shipment).then().statusCode(201);

        Timed<Response> write;
        Timed<Response> search;
        Timed<Response> secondSearch;
        Timed<Response> readiness;
        try (PausedProcess hung = PausedProcess.pause(TrackingBackendsResource.openSearchPid())) {
            write = Timed.of(() -> as(YELLOW)
                    .body(event("IN_TRANSIT", "Ghent", Instant.now().minusSeconds(60), "note " + word))
                    .post("/tracking/{id}/events", shipment));
            search = Timed.of(() -> as(YELLOW).queryParam("q", word).get("/tracking/search"));
            secondSearch = Timed.of(() -> as(YELLOW).queryParam("q", word).get("/tracking/search"));
            readiness = Timed.of(() -> given().get("/q/health/ready"));
        }

        assertThat(write.result().statusCode()).as(write.result().asString()).isEqualTo(201);
        assertThat(write.result().jsonPath().getBoolean("indexed")).isFalse();
        UnavailableAnswers.assertRefusedPromptly("backend-unavailable", ANSWERED_WITHIN, List.of(search, secondSearch));
        assertThat(readiness.result().statusCode()).isEqualTo(503);
        assertThat(readiness.result().jsonPath().getString("checks.find { it.name == 'backends' }.data.opensearch"))
                .startsWith("no answer within");
        assertThat(readiness.result().jsonPath().getString("checks.find { it.name == 'backends' }.data.dynamodb"))
                .isEqualTo("reachable");
        for (Timed<Response> answered : List.of(write, readiness)) {
            assertThat(answered.took()).as("answered in %s", answered.took()).isLessThan(ANSWERED_WITHIN);
        }
        System.out.printf("OpenSearch hung: write %d ms, searches %d and %d ms, readiness %d ms%n",
                write.took().toMillis(), search.took().toMillis(), secondSearch.took().toMillis(),
                readiness.took().toMillis());

        Instant resumed = Instant.now();
        awaitTrue(() -> given().get("/q/health/ready").statusCode() == 200, "readiness UP again");
        Duration readyAgain = Duration.between(resumed, Instant.now());
        awaitTrue(() -> {
            Response hits = as(YELLOW).queryParam("q", word).get("/tracking/search");
            return hits.statusCode() == 200
                    && hits.jsonPath().getList("events.shipmentId", String.class).contains(shipment);
        }, "the event kept during the hang searchable");
        System.out.printf("OpenSearch resumed: ready again after %d ms, event searchable after %d ms%n",
                readyAgain.toMillis(), Duration.between(resumed, Instant.now()).toMillis());
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY);
        while (!condition.get()) {
            assertThat(Instant.now()).as(what + " within " + RECOVERY).isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
