package dev.shiptrack.tenant.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The tenant's items (events, re-index outbox, status) in the pooled DynamoDB table or in its silo table, with the
 * tenant's own credentials. In the pooled table they are found through the keys-only index {@code tenant-items}, and
 * {@code dynamodb:LeadingKeys} limits the index query, the reads, the writes and the deletes to {@code <tenant>#*}; a
 * silo table holds the tenant's items only and is listed with Scan. Both hold the same items under the same keys, so
 * a move copies them unchanged.
 */
@ApplicationScoped
public class TenantTrackingItems {

    /** BatchWriteItem's limit. */
    private static final int WRITE_BATCH = 25;
    /** BatchGetItem's limit. */
    private static final int GET_BATCH = 100;
    /** Keys listed by one Query or Scan page. */
    private static final int PAGE = 500;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;
    /** The pause before a batch's unprocessed part is sent again, doubling each round: DynamoDB leaves it when throttled. */
    private static final Duration UNPROCESSED_PAUSE = Duration.ofMillis(25);
    private static final String KEYS_ONLY = "#pk, #sk";
    private static final Map<String, String> KEY_NAMES = Map.of("#pk", TenantDataLayout.PARTITION_KEY,
            "#sk", TenantDataLayout.SORT_KEY);

    /**
     * What a pass over the source table found.
     *
     * @param sourceItems the tenant's items in the source
     * @param copied      how many of them this pass wrote to the target
     */
    public record Copied(int sourceItems, int copied) {
    }

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests tenantRequests;
    private final String pooledTable;

    TenantTrackingItems(DynamoDbClient dynamoDb, TenantAwsRequests tenantRequests, TenantServiceConfig config) {
        this.dynamoDb = dynamoDb;
        this.tenantRequests = tenantRequests;
        this.pooledTable = config.stores().table();
    }

    /**
     * Writes the tenant's status item ({@code <tenant>#_tenant}) into the table of {@code storage}: tracking-service
     * reads it from the table the routes registry names before serving the tenant's users, and may not write it.
     */
    public void writeStatus(TenantId tenant, StorageModel storage, String status) {
        try {
            dynamoDb.putItem(put -> put.tableName(table(tenant, storage)).item(Map.of(
                            TenantDataLayout.PARTITION_KEY,
                            AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant.value())),
                            TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY),
                            TenantDataLayout.TENANT_KEY, AttributeValue.fromS(TenantDataLayout.tenantKey(tenant.value())),
                            TenantDataLayout.STATUS_ATTRIBUTE, AttributeValue.fromS(status)))
                    .overrideConfiguration(tenantRequests.overrideFor(tenant)));
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not store the tenant's status: " + e.getMessage(), false, e);
        }
    }

    /** Deletes every item of the tenant in the pooled table, its status item included; returns how many. */
    public int deleteAll(TenantId tenant) {
        int deleted = 0;
        try {
            List<Map<String, AttributeValue>> keys;
            while (!(keys = pooledKeys(tenant, null).items()).isEmpty()) {
                write(tenant, pooledTable, keys.stream().map(TenantTrackingItems::key)
                        .map(key -> WriteRequest.builder().deleteRequest(delete -> delete.key(key)).build()).toList());
                deleted += keys.size();
            }
            return deleted;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not delete the tenant's items: " + e.getMessage(), false, e);
        }
    }

    /** How many items of the tenant the pooled table's index still lists, up to a page (for the erasure inventory). */
    public int count(TenantId tenant) {
        try {
            return pooledKeys(tenant, null).items().size();
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not list the tenant's items: " + e.getMessage(), false, e);
        }
    }

    /** How many items the tenant's silo table holds; 0 when it does not exist (for the erasure inventory). */
    public int countSilo(TenantId tenant) {
        int items = 0;
        Map<String, AttributeValue> start = null;
        try {
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = dynamoDb.scan(scan -> scan.tableName(table(tenant, StorageModel.SILO))
                        .select(Select.COUNT).consistentRead(true).exclusiveStartKey(from)
                        .overrideConfiguration(tenantRequests.overrideFor(tenant)));
                items += page.count();
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return items;
        } catch (ResourceNotFoundException absent) {
            return 0;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not count the silo table's items: " + e.getMessage(), false, e);
        }
    }

    /**
     * Copies every item of the tenant from the table of {@code from} to that of {@code to}, replacing an item the
     * target holds under the same key (left by an earlier attempt): before the switch the source is the truth.
     *
     * @return how many items were copied
     */
    public int copyAll(TenantId tenant, StorageModel from, StorageModel to) {
        int[] copied = new int[1];
        try {
            forEachKeyPage(tenant, from, keys -> {
                List<Map<String, AttributeValue>> items = get(tenant, from, keys, false);
                put(tenant, to, items);
                copied[0] += items.size();
            });
            return copied[0];
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not copy the tenant's items: " + e.getMessage(), false, e);
        }
    }

    /**
     * Copies the items of the tenant in the table of {@code from} whose keys the table of {@code to} lacks, and only
     * those: after the switch, an item the target holds may have been changed there since, and is never replaced.
     */
    public Copied copyMissing(TenantId tenant, StorageModel from, StorageModel to) {
        int[] counts = new int[2];
        try {
            forEachKeyPage(tenant, from, keys -> {
                Set<Map<String, AttributeValue>> present = new HashSet<>();
                get(tenant, to, keys, true).forEach(item -> present.add(key(item)));
                List<Map<String, AttributeValue>> missing = keys.stream().filter(key -> !present.contains(key))
                        .toList();
                if (!missing.isEmpty()) {
                    // An item that expired (TTL) between the listing and this read is simply not copied.
                    List<Map<String, AttributeValue>> items = get(tenant, from, missing, false);
                    put(tenant, to, items);
                    counts[1] += items.size();
                }
                counts[0] += keys.size();
            });
            return new Copied(counts[0], counts[1]);
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not compare or copy the tenant's items: " + e.getMessage(),
                    false, e);
        }
    }

    private String table(TenantId tenant, StorageModel storage) {
        return storage.table(pooledTable, tenant.value());
    }

    /** The tenant's keys in the table of {@code storage}, a page at a time. */
    private void forEachKeyPage(TenantId tenant, StorageModel storage, Consumer<List<Map<String, AttributeValue>>> page) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            Page keys = storage == StorageModel.POOL ? pooledKeys(tenant, from) : siloKeys(tenant, from);
            if (!keys.items().isEmpty()) {
                page.accept(keys.items().stream().map(TenantTrackingItems::key).toList());
            }
            start = keys.next();
        } while (start != null);
    }

    /** A page of keys and where the next one starts (null after the last). */
    private record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> next) {
    }

    /** One page of the tenant's keys in the pooled table, from the index. */
    private Page pooledKeys(TenantId tenant, Map<String, AttributeValue> start) {
        QueryResponse page = dynamoDb.query(query -> query.tableName(pooledTable)
                .indexName(TenantDataLayout.TENANT_ITEMS_INDEX)
                .keyConditionExpression("#tenantKey = :tenantKey")
                .expressionAttributeNames(Map.of("#tenantKey", TenantDataLayout.TENANT_KEY))
                .expressionAttributeValues(Map.of(":tenantKey",
                        AttributeValue.fromS(TenantDataLayout.tenantKey(tenant.value()))))
                .limit(PAGE)
                .exclusiveStartKey(start)
                .overrideConfiguration(tenantRequests.overrideFor(tenant)));
        return new Page(page.items(), page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null);
    }

    /** One page of the keys in the tenant's silo table. */
    private Page siloKeys(TenantId tenant, Map<String, AttributeValue> start) {
        ScanResponse page = dynamoDb.scan(scan -> scan.tableName(table(tenant, StorageModel.SILO))
                .projectionExpression(KEYS_ONLY)
                .expressionAttributeNames(KEY_NAMES)
                .consistentRead(true)
                .limit(PAGE)
                .exclusiveStartKey(start)
                .overrideConfiguration(tenantRequests.overrideFor(tenant)));
        return new Page(page.items(), page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null);
    }

    /** The items of these keys that the table of {@code storage} holds, read consistently; only their keys if asked. */
    private List<Map<String, AttributeValue>> get(TenantId tenant, StorageModel storage,
            List<Map<String, AttributeValue>> keys, boolean keysOnly) {
        String table = table(tenant, storage);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += GET_BATCH) {
            KeysAndAttributes.Builder request = KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + GET_BATCH)));
            if (keysOnly) {
                request.projectionExpression(KEYS_ONLY).expressionAttributeNames(KEY_NAMES);
            }
            KeysAndAttributes pending = request.build();
            for (int round = 0; pending != null && pending.hasKeys() && !pending.keys().isEmpty(); round++) {
                pauseBeforeRound(round, "batch read");
                KeysAndAttributes ask = pending;
                BatchGetItemResponse response = dynamoDb.batchGetItem(batch -> batch
                        .requestItems(Map.of(table, ask))
                        .overrideConfiguration(tenantRequests.overrideFor(tenant)));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys().get(table);
            }
        }
        return items;
    }

    private void put(TenantId tenant, StorageModel storage, List<Map<String, AttributeValue>> items) {
        write(tenant, table(tenant, storage), items.stream()
                .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build()).toList());
    }

    /** BatchWriteItem in batches of 25, sending again what DynamoDB left unprocessed, a bounded number of times. */
    private void write(TenantId tenant, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += WRITE_BATCH) {
            List<WriteRequest> requests = writes.subList(from, Math.min(writes.size(), from + WRITE_BATCH));
            for (int round = 0; !requests.isEmpty(); round++) {
                pauseBeforeRound(round, "batch write");
                List<WriteRequest> pending = requests;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(batch -> batch
                        .requestItems(Map.of(table, pending))
                        .overrideConfiguration(tenantRequests.overrideFor(tenant)));
                requests = response.unprocessedItems().getOrDefault(table, List.of());
            }
        }
    }

    /** Nothing before the first round; then a doubling pause, and failure after the last round. */
    private static void pauseBeforeRound(int round, String what) {
        if (round == 0) {
            return;
        }
        if (round == MAX_UNPROCESSED_ROUNDS) {
            throw new StepFailedException("DynamoDB kept refusing part of a " + what + " (throttled)", false, null);
        }
        try {
            Thread.sleep(UNPROCESSED_PAUSE.toMillis() << (round - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("interrupted during a " + what, false, e);
        }
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(TenantDataLayout.PARTITION_KEY, item.get(TenantDataLayout.PARTITION_KEY),
                TenantDataLayout.SORT_KEY, item.get(TenantDataLayout.SORT_KEY));
    }
}
