package dev.shiptrack.tracking.service;

import static dev.shiptrack.tracking.Tokens.YELLOW;
import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An event whose indexing fails is kept in DynamoDB and re-indexed by the scheduled re-indexer. */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class ReindexTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String shipment = "SHP-" + UUID.randomUUID();
    private final String word = "reindexed" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void shouldKeepAnEventWhoseIndexingFailedAndReindexItLater() throws Exception {
        as(YELLOW).body(event("LABEL_CREATED", "Ghent", Instant.now().minusSeconds(120), "index exists"))
                .post("/tracking/{id}/events", shipment).then().statusCode(201).body("indexed", equalTo(true));

        blockWrites(true);
        try {
            as(YELLOW).body(event("IN_TRANSIT", "Ghent", Instant.now().minusSeconds(60), "note " + word))
                    .post("/tracking/{id}/events", shipment)
                    .then().statusCode(201).body("indexed", equalTo(false));
            as(YELLOW).get("/tracking/{id}/events", shipment)
                    .then().statusCode(200).body("events.status", contains("LABEL_CREATED", "IN_TRANSIT"));
            assertThat(searchHits()).isEmpty();
        } finally {
            blockWrites(false);
        }

        Instant deadline = Instant.now().plus(PATIENCE);
        List<String> hits = searchHits();
        while (hits.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            hits = searchHits();
        }
        assertThat(hits).containsExactly(shipment);
    }

    private List<String> searchHits() {
        return as(YELLOW).queryParam("q", word).get("/tracking/search")
                .then().statusCode(200).extract().jsonPath().getList("events.shipmentId", String.class);
    }

    /** Sets OpenSearch's own write block on yellow's index, directly on the backend (not through the edge). */
    private static void blockWrites(boolean blocked) throws IOException, InterruptedException {
        URI settings = URI.create(TrackingBackendsResource.openSearchBackend() + "/" + YELLOW + "-tracking/_settings");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(settings)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"index.blocks.write\": " + blocked + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
