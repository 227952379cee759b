package dev.shiptrack.localaws.dynamodb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.iam.isolation.TenantStatuses;

/**
 * Reads a tenant's status item ({@code <tenant>#_tenant} / {@code status}, written by the control plane) straight
 * from DynamoDB Local, past the edge's own authorization: the edge's watchdog asks, not a caller. Answers are cached
 * briefly. Blocking: call it off the event loop.
 */
public final class TenantStatusLookup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI dynamoDbLocal;
    private final String table;
    private final Duration cacheTtl;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> status, Instant readAt) {
    }

    public TenantStatusLookup(URI dynamoDbLocal, String table, Duration cacheTtl, Clock clock) {
        this.dynamoDbLocal = dynamoDbLocal;
        this.table = table;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /**
     * The tenant's status ({@code ACTIVE}, {@code SUSPENDED}, ...), empty for a tenant without a status item.
     *
     * @throws IOException when DynamoDB Local does not answer (the status is then unknown, not absent)
     */
    public Optional<String> statusOf(String tenant) throws IOException {
        Cached cached = cache.get(tenant);
        if (cached != null && cached.readAt().plus(cacheTtl).isAfter(clock.instant())) {
            return cached.status();
        }
        Optional<String> status = read(tenant);
        cache.put(tenant, new Cached(status, clock.instant()));
        return status;
    }

    private Optional<String> read(String tenant) throws IOException {
        return TenantStatuses.firstFound(table, tenant, tableName -> read(tenant, tableName));
    }

    /** The status in {@code tableName}; empty when the table does not exist. */
    private Optional<Optional<String>> read(String tenant, String tableName) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("TableName", tableName).put("ConsistentRead", true);
        ObjectNode key = request.putObject("Key");
        key.putObject(TenantDataLayout.PARTITION_KEY).put("S", TenantDataLayout.statusPartitionKey(tenant));
        key.putObject(TenantDataLayout.SORT_KEY).put("S", TenantDataLayout.STATUS_SORT_KEY);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(dynamoDbLocal).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "DynamoDB_20120810.GetItem")
                    .header("Authorization", DynamoDbHandler.BACKEND_AUTHORIZATION)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the status of " + tenant, e);
        }
        if (response.statusCode() == 400 && response.body().contains("ResourceNotFoundException")) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("DynamoDB Local answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode status = JSON.readTree(response.body()).path("Item").path(TenantDataLayout.STATUS_ATTRIBUTE).path("S");
        return Optional.of(status.isTextual() ? Optional.of(status.asText()) : Optional.empty());
    }
}
