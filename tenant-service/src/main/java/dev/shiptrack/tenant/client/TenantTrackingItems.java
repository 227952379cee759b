package dev.shiptrack.tenant.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The tenant's items in the pooled DynamoDB table (events, re-index outbox, status), found through the keys-only index
 * {@code tenant-items} and deleted with the tenant's own credentials: {@code dynamodb:LeadingKeys} limits both the
 * index query and the deletes to {@code <tenant>#*}.
 */
@ApplicationScoped
public class TenantTrackingItems {

    /** BatchWriteItem's limit. */
    private static final int BATCH = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests tenantRequests;
    private final String table;

    TenantTrackingItems(DynamoDbClient dynamoDb, TenantAwsRequests tenantRequests, TenantServiceConfig config) {
        this.dynamoDb = dynamoDb;
        this.tenantRequests = tenantRequests;
        this.table = config.stores().table();
    }

    /**
     * Writes the tenant's status item ({@code <tenant>#_tenant}), which tracking-service reads before serving the
     * tenant's users and may not write itself.
     */
    public void writeStatus(TenantId tenant, String status) {
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(Map.of(
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

    /** Deletes every item of the tenant, its status item included; returns how many were deleted. */
    public int deleteAll(TenantId tenant) {
        int deleted = 0;
        try {
            List<Map<String, AttributeValue>> keys;
            while (!(keys = firstKeys(tenant)).isEmpty()) {
                for (int from = 0; from < keys.size(); from += BATCH) {
                    deleteBatch(tenant, keys.subList(from, Math.min(keys.size(), from + BATCH)));
                }
                deleted += keys.size();
            }
            return deleted;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not delete the tenant's items: " + e.getMessage(), false, e);
        }
    }

    /** How many items of the tenant the index still lists (for the erasure inventory). */
    public int count(TenantId tenant) {
        try {
            return firstKeys(tenant).size();
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not list the tenant's items: " + e.getMessage(), false, e);
        }
    }

    /** One page of the tenant's keys; deleting them and asking again walks the whole index. */
    private List<Map<String, AttributeValue>> firstKeys(TenantId tenant) {
        QueryResponse page = dynamoDb.query(query -> query.tableName(table)
                .indexName(TenantDataLayout.TENANT_ITEMS_INDEX)
                .keyConditionExpression("#tenantKey = :tenantKey")
                .expressionAttributeNames(Map.of("#tenantKey", TenantDataLayout.TENANT_KEY))
                .expressionAttributeValues(Map.of(":tenantKey",
                        AttributeValue.fromS(TenantDataLayout.tenantKey(tenant.value()))))
                .limit(500)
                .overrideConfiguration(tenantRequests.overrideFor(tenant)));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            keys.add(Map.of(TenantDataLayout.PARTITION_KEY, item.get(TenantDataLayout.PARTITION_KEY),
                    TenantDataLayout.SORT_KEY, item.get(TenantDataLayout.SORT_KEY)));
        }
        return keys;
    }

    private void deleteBatch(TenantId tenant, List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> requests = keys.stream()
                .map(key -> WriteRequest.builder().deleteRequest(delete -> delete.key(key)).build()).toList();
        for (int round = 0; !requests.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new StepFailedException("DynamoDB kept refusing part of a batch delete (throttled)", false, null);
            }
            List<WriteRequest> pending = requests;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(batch -> batch
                    .requestItems(Map.of(table, pending))
                    .overrideConfiguration(tenantRequests.overrideFor(tenant)));
            requests = response.unprocessedItems().getOrDefault(table, List.of());
        }
    }
}
