package dev.shiptrack.tracking.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shiptrack.tracking.client.OpenSearchResponse;
import dev.shiptrack.tracking.client.SignedOpenSearchClient;
import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.iam.TenantDataLayout;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The searchable copy of the events in OpenSearch: one index per tenant, {@code <tenant>-tracking}, created on first
 * write with an explicit mapping; the event id is the document id, so re-indexing is idempotent.
 */
@ApplicationScoped
public class TrackingSearchRepository {

    static final String LAYER = "opensearch";
    private static final List<String> SEARCHED_FIELDS = List.of("note", "location", "status", "shipmentId");

    private final SignedOpenSearchClient openSearch;
    private final StoreCallBudget budget;
    private final Duration readTimeout;
    private final ObjectMapper json;
    /** Indexes known to exist; creation is idempotent, so a lost entry only costs one extra PUT. */
    private final Set<String> createdIndexes = ConcurrentHashMap.newKeySet();

    TrackingSearchRepository(SignedOpenSearchClient openSearch, StoreCallBudget budget, TrackingConfig config,
            ObjectMapper json) {
        this.openSearch = openSearch;
        this.budget = budget;
        this.readTimeout = config.opensearch().readTimeout();
        this.json = json;
    }

    /** Indexes the event and waits for the index's refresh: a recorded event is searchable once the POST answers. */
    public void index(TenantScope scope, TrackingEvent event) {
        index(scope, event, Map.of("refresh", "wait_for"));
    }

    /**
     * Indexes the event without waiting for the refresh (OpenSearch refreshes every second): for the re-indexer, whom
     * nobody waits for, and who would otherwise drain a backlog at about one event per refresh.
     */
    public void indexWithoutWaiting(TenantScope scope, TrackingEvent event) {
        index(scope, event, Map.of());
    }

    private void index(TenantScope scope, TrackingEvent event, Map<String, String> parameters) {
        String index = indexName(scope);
        ensureIndex(scope, index);
        String path = "/" + index + "/_doc/" + event.eventId();
        OpenSearchResponse response = send(scope, SdkHttpMethod.PUT, path, parameters, bytes(json.valueToTree(event)));
        requireSuccess(scope, path, response);
    }

    /** Events of the scope's index matching {@code query} (simple query string syntax). */
    public List<TrackingEvent> search(TenantScope scope, String query, int maxHits) {
        String path = "/" + indexName(scope) + "/_search";
        ObjectNode body = json.createObjectNode().put("size", maxHits);
        ObjectNode simpleQuery = body.putObject("query").putObject("simple_query_string").put("query", query);
        SEARCHED_FIELDS.forEach(simpleQuery.putArray("fields")::add);
        OpenSearchResponse response = send(scope, SdkHttpMethod.POST, path, Map.of(), bytes(body));
        if (response.status() == 404 && "index_not_found_exception".equals(errorType(response))) {
            return List.of();
        }
        requireSuccess(scope, path, response);
        List<TrackingEvent> events = new ArrayList<>();
        for (JsonNode hit : tree(response).path("hits").path("hits")) {
            events.add(json.convertValue(hit.path("_source"), TrackingEvent.class));
        }
        return events;
    }

    private void ensureIndex(TenantScope scope, String index) {
        if (createdIndexes.contains(index)) {
            return;
        }
        OpenSearchResponse response = send(scope, SdkHttpMethod.PUT, "/" + index, Map.of(),
                TenantDataLayout.SEARCH_INDEX_MAPPING.getBytes(StandardCharsets.UTF_8));
        if (!response.successful() && !"resource_already_exists_exception".equals(errorType(response))) {
            requireSuccess(scope, "/" + index, response);
        }
        createdIndexes.add(index);
    }

    private OpenSearchResponse send(TenantScope scope, SdkHttpMethod method, String path, Map<String, String> query,
            byte[] body) {
        try {
            return openSearch.send(scope.credentialsOwner(), method, path, query, body,
                    budget.within(readTimeout, LAYER));
        } catch (UncheckedIOException | CircuitBreakerOpenException e) {
            throw new StoreUnavailableException(LAYER, e);
        }
    }

    private void requireSuccess(TenantScope scope, String path, OpenSearchResponse response) {
        if (response.successful()) {
            return;
        }
        // 401/403 come from the edge's (or the domain's) IAM check; OpenSearch's own 403 is a write block.
        boolean refused = response.status() == 401
                || (response.status() == 403 && !"cluster_block_exception".equals(errorType(response)));
        if (refused) {
            throw AccessAudit.denied(LAYER, scope, path, null);
        }
        throw new StoreUnavailableException(LAYER, "HTTP " + response.status() + " for " + path);
    }

    private String errorType(OpenSearchResponse response) {
        return tree(response).path("error").path("type").asText(null);
    }

    private JsonNode tree(OpenSearchResponse response) {
        try {
            JsonNode tree = json.readTree(response.body());
            return tree == null ? json.missingNode() : tree;
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String indexName(TenantScope scope) {
        return TenantDataLayout.searchIndex(scope.prefix());
    }
}
