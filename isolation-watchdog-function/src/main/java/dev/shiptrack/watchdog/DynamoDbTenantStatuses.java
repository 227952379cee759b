package dev.shiptrack.watchdog;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.iam.isolation.TenantStatuses;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A tenant's status item as the control plane wrote it, read with the function's own role (which may read status
 * items and nothing else), strongly consistent: a tenant suspended a moment ago is suspended.
 */
final class DynamoDbTenantStatuses implements TenantStatuses {

    private final DynamoDbClient dynamoDb;
    private final String pooledTable;

    DynamoDbTenantStatuses(DynamoDbClient dynamoDb, String pooledTable) {
        this.dynamoDb = dynamoDb;
        this.pooledTable = pooledTable;
    }

    @Override
    public Optional<String> statusOf(String tenant) throws IOException {
        Map<String, AttributeValue> key = Map.of(
                TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant)),
                TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY));
        return TenantStatuses.firstFound(pooledTable, tenant, table -> {
            try {
                GetItemResponse found = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(key)
                        .consistentRead(true).build());
                return Optional.of(Optional.ofNullable(found.item().get(TenantDataLayout.STATUS_ATTRIBUTE))
                        .map(AttributeValue::s));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            } catch (SdkException e) {
                throw new IOException("The status of tenant " + tenant + " could not be read from " + table, e);
            }
        });
    }
}
