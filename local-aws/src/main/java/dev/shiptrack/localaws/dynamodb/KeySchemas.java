package dev.shiptrack.localaws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.localaws.http.BackendForwarder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partition key names of tables and their indexes, read with DescribeTable from the backend and cached: they are
 * what {@code dynamodb:LeadingKeys} is made of.
 */
final class KeySchemas {

    /**
     * @param partitionKey      the table's partition key attribute
     * @param indexPartitionKey index name to the index's partition key attribute
     */
    record TableKeys(String partitionKey, Map<String, String> indexPartitionKey) {

        Optional<String> partitionKeyOf(String indexName) {
            return indexName == null ? Optional.of(partitionKey)
                    : Optional.ofNullable(indexPartitionKey.get(indexName));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackendForwarder backend;
    private final Map<String, Future<Optional<TableKeys>>> cache = new ConcurrentHashMap<>();

    KeySchemas(BackendForwarder backend) {
        this.backend = backend;
    }

    /** The table's keys, or empty if the table does not exist. */
    Future<Optional<TableKeys>> of(String table) {
        Future<Optional<TableKeys>> cached = cache.get(table);
        if (cached != null) {
            return cached;
        }
        Future<Optional<TableKeys>> lookup = describe(table);
        cache.put(table, lookup);
        return lookup.andThen(result -> {
            if (result.failed() || result.result().isEmpty()) {
                cache.remove(table, lookup);
            }
        });
    }

    /** Forgets a table's keys after it was created, updated or deleted. */
    void forget(String table) {
        cache.remove(table);
    }

    private Future<Optional<TableKeys>> describe(String table) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/x-amz-json-1.0")
                .add("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .add("Authorization", DynamoDbHandler.BACKEND_AUTHORIZATION);
        Buffer body = Buffer.buffer(JSON.createObjectNode().put("TableName", table).toString());
        return backend.send(HttpMethod.POST, "/", headers, body)
                .compose(response -> response.body().map(answer -> {
                    if (response.statusCode() != 200) {
                        return Optional.<TableKeys>empty();
                    }
                    return Optional.of(parse(answer));
                }));
    }

    private static TableKeys parse(Buffer answer) {
        try {
            JsonNode table = JSON.readTree(answer.getBytes()).path("Table");
            String partitionKey = hashKey(table.path("KeySchema"));
            Map<String, String> indexes = new HashMap<>();
            for (String kind : new String[]{"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
                for (JsonNode index : table.path(kind)) {
                    indexes.put(index.path("IndexName").asText(), hashKey(index.path("KeySchema")));
                }
            }
            return new TableKeys(partitionKey, Map.copyOf(indexes));
        } catch (IOException e) {
            throw new IllegalStateException("DynamoDB answered DescribeTable with something that is not JSON", e);
        }
    }

    private static String hashKey(JsonNode keySchema) {
        for (JsonNode element : keySchema) {
            if ("HASH".equals(element.path("KeyType").asText())) {
                return element.path("AttributeName").asText();
            }
        }
        throw new IllegalStateException("A key schema without a HASH key: " + keySchema);
    }
}
