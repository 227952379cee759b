package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.testsupport.Timed;
import dev.shiptrack.testsupport.UnavailableAnswers;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The store calls of one request share one budget, here shorter than each call's own timeout: while a store hangs, a
 * request is answered once its budget is spent, so no request waits for the sum of its calls' timeouts.
 */
@QuarkusTest
@TestProfile(StoreCallBudgetTest.ShortBudget.class)
@WithTestResource(TrackingBackendsResource.class)
class StoreCallBudgetTest {

    /**
     * Each call's own bound ({@code quarkus.dynamodb.api-call-timeout}, {@code tracking.opensearch.read-timeout}): an
     * answer that waited for a hung store's call timeout comes no sooner, one that waited for the budget much sooner.
     */
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration BUDGET = Duration.ofMillis(500);

    public static class ShortBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracking.store-call-budget", BUDGET.toMillis() + "ms");
        }
    }

    private final String shipment = "SHP-" + UUID.randomUUID();

    @Test
    void shouldKeepTheEventAndAnswerWithinTheBudgetWhileOpenSearchHangs() {
        recordUntilAnswered("LABEL_CREATED");

        Timed<Response> write;
        Timed<Response> search;
        try (PausedProcess hung = PausedProcess.pause(TrackingBackendsResource.openSearchPid())) {
            write = Timed.of(() -> as(YELLOW).body(event("IN_TRANSIT", "Ghent", Instant.now(), "during the hang"))
                    .post("/tracking/{id}/events", shipment));
            search = Timed.of(() -> as(YELLOW).queryParam("q", "Ghent").get("/tracking/search"));
        }

        assertThat(write.result().statusCode()).as(write.result().asString()).isEqualTo(201);
        assertThat(write.result().jsonPath().getBoolean("indexed")).isFalse();
        assertThat(write.took()).as("write answered in %s", write.took()).isLessThan(CALL_TIMEOUT);
        UnavailableAnswers.assertRefusedPromptly("backend-unavailable", CALL_TIMEOUT, List.of(search));
        System.out.printf("OpenSearch hung, budget %d ms: write %d ms, search %d ms%n", BUDGET.toMillis(),
                write.took().toMillis(), search.took().toMillis());
    }

    @Test
    void shouldRefuseAReadWithinTheBudgetWhileDynamoDbHangs() {
        recordUntilAnswered("LABEL_CREATED");

        Timed<Response> history;
        try (PausedProcess hung = PausedProcess.pause(TrackingBackendsResource.dynamoDbPid())) {
            history = Timed.of(() -> as(YELLOW).get("/tracking/{id}/events", shipment));
        }

        UnavailableAnswers.assertRefusedPromptly("backend-unavailable", CALL_TIMEOUT, List.of(history));
        System.out.printf("DynamoDB hung, budget %d ms: history %d ms%n", BUDGET.toMillis(),
                history.took().toMillis());
    }

    /** Records an event with the stores up; a cold service's first calls may take longer than this short budget. */
    private void recordUntilAnswered(String status) {
        int answer = 0;
        for (int attempt = 0; attempt < 10 && answer != 201; attempt++) {
            answer = as(YELLOW).body(event(status, "Ghent", Instant.now().minusSeconds(60), "before the hang"))
                    .post("/tracking/{id}/events", shipment).statusCode();
        }
        assertThat(answer).as("recorded with every store up").isEqualTo(201);
    }
}
