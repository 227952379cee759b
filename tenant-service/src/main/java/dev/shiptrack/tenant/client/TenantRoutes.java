package dev.shiptrack.tenant.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tenant.model.Tier;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The routes registry ({@code _routes} partition of the pooled table): a {@code tenant#<id>} item with the tenant's
 * tier and storage model and a {@code host#<hostname>} item per hostname, each naming the tenant in {@code routeTenant}. Written with
 * tenant-service's own identity (no tenant session reaches the partition; TenantServiceRole reaches nothing else),
 * and never with {@code tenantKey}: the items are the platform's, so the {@code tenant-items} index does not list
 * them. Every write is conditional on the item being absent or the same tenant's: another tenant's hostname is
 * never overwritten or deleted, even by two requests racing.
 */
@ApplicationScoped
public class TenantRoutes {

    private static final String ITEM_IS_FREE_OR_OURS = "attribute_not_exists(#pk) OR #routeTenant = :tenant";
    private static final String ITEM_IS_OURS = "#routeTenant = :tenant";
    /**
     * The registry's change time of the tier and storage in the tenant item, in microseconds: the newest write wins
     * (named when the item held only the tier).
     */
    private static final String TIER_VERSION_ATTRIBUTE = "tierVersion";

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests requests;
    private final String table;

    TenantRoutes(DynamoDbClient dynamoDb, TenantAwsRequests requests, TenantServiceConfig config) {
        this.dynamoDb = dynamoDb;
        this.requests = requests;
        this.table = config.stores().table();
    }

    /**
     * Creates or updates the tenant's item with its tier, which the services read for per-tenant rate limits, and its
     * storage model, from which they choose the tenant's table: the whole item, so neither can be lost by a write of
     * the other. The write carries {@code version} (the registry's change time) and never replaces a newer one: a
     * write that timed out may still be applied later by a store that hung, and must not then undo what came after
     * it.
     */
    public void writeTenant(TenantId tenant, Tier tier, StorageModel storage, Instant version) {
        String sortKey = TenantDataLayout.tenantRouteKey(tenant.value());
        AttributeValue micros = AttributeValue.fromN(Long.toString(
                version.getEpochSecond() * 1_000_000 + version.getNano() / 1_000));
        try {
            put(tenant, sortKey, Map.of(TenantDataLayout.TIER_ATTRIBUTE, AttributeValue.fromS(tier.value()),
                    TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS(storage.value()),
                    TIER_VERSION_ATTRIBUTE, micros), Optional.of(micros));
        } catch (ConditionalCheckFailedException e) {
            if (!isOurs(tenant, sortKey)) {
                throw new StepFailedException("The routes item of tenant " + tenant + " names another tenant", true, e);
            }
            // A newer write is there already: this one is the stale one.
        }
    }

    /**
     * Routes the hostname to the tenant.
     *
     * @return true when this call created the item, false when it already routed to the tenant
     * @throws HostnameTakenException if it routes to another tenant
     */
    public boolean register(TenantId tenant, String hostname) {
        try {
            return put(tenant, TenantDataLayout.hostRouteKey(hostname), Map.of(), Optional.empty()).isEmpty();
        } catch (ConditionalCheckFailedException e) {
            throw new HostnameTakenException(hostname, e);
        }
    }

    /** Deletes the hostname's item if it routes to the tenant; false when it is absent or another tenant's. */
    public boolean unregister(TenantId tenant, String hostname) {
        return delete(tenant, TenantDataLayout.hostRouteKey(hostname));
    }

    /** The hostnames that route to the tenant, in order. */
    public List<String> hostnames(TenantId tenant) {
        String prefix = TenantDataLayout.hostRouteKey("");
        return itemsOf(tenant).stream().map(item -> item.get(TenantDataLayout.SORT_KEY).s())
                .filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length())).toList();
    }

    /** Deletes every routes item of the tenant (its tier and all its hostnames); returns how many. */
    public int deleteAll(TenantId tenant) {
        int deleted = 0;
        for (Map<String, AttributeValue> item : itemsOf(tenant)) {
            if (delete(tenant, item.get(TenantDataLayout.SORT_KEY).s())) {
                deleted++;
            }
        }
        return deleted;
    }

    /** How many routes items still name the tenant (for the erasure inventory). */
    public int count(TenantId tenant) {
        return itemsOf(tenant).size();
    }

    /**
     * Returns the item as it was before; empty when there was none.
     *
     * @param version when present, the write also requires the stored {@value #TIER_VERSION_ATTRIBUTE} to be at most
     *                this one
     */
    private Map<String, AttributeValue> put(TenantId tenant, String sortKey, Map<String, AttributeValue> attributes,
                                            Optional<AttributeValue> version) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION));
        item.put(TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey));
        item.put(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE, AttributeValue.fromS(tenant.value()));
        Map<String, String> names = new HashMap<>(Map.of("#pk", TenantDataLayout.PARTITION_KEY,
                "#routeTenant", TenantDataLayout.ROUTE_TENANT_ATTRIBUTE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":tenant", AttributeValue.fromS(tenant.value())));
        version.ifPresent(newer -> {
            names.put("#version", TIER_VERSION_ATTRIBUTE);
            values.put(":version", newer);
        });
        String condition = version.isEmpty() ? ITEM_IS_FREE_OR_OURS
                : "(" + ITEM_IS_FREE_OR_OURS + ") AND (attribute_not_exists(#version) OR #version <= :version)";
        try {
            return dynamoDb.putItem(put -> put.tableName(table).item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)
                    .overrideConfiguration(requests.asService())).attributes();
        } catch (ConditionalCheckFailedException e) {
            // Not a failure of DynamoDB: the caller says what another tenant's item means.
            throw e;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not store the routes item " + sortKey + ": " + e.getMessage(),
                    false, e);
        }
    }

    /** Whether the item exists and names the tenant: one consistent read of its key. */
    private boolean isOurs(TenantId tenant, String sortKey) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table).consistentRead(true)
                    .key(Map.of(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                            TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey)))
                    .overrideConfiguration(requests.asService())).item();
            return item != null && item.containsKey(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE)
                    && tenant.value().equals(item.get(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE).s());
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not read the routes item " + sortKey + ": " + e.getMessage(),
                    false, e);
        }
    }

    private boolean delete(TenantId tenant, String sortKey) {
        try {
            dynamoDb.deleteItem(delete -> delete.tableName(table)
                    .key(Map.of(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                            TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey)))
                    .conditionExpression(ITEM_IS_OURS)
                    .expressionAttributeNames(Map.of("#routeTenant", TenantDataLayout.ROUTE_TENANT_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant.value())))
                    .overrideConfiguration(requests.asService()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not delete the routes item " + sortKey + ": " + e.getMessage(),
                    false, e);
        }
    }

    /**
     * The tenant's routes items: the partition is shared by all tenants and keyed by hostname, so a Query of the
     * whole partition filtered on {@code routeTenant}, page by page; read consistently, so that a write just made is
     * seen.
     */
    private List<Map<String, AttributeValue>> itemsOf(TenantId tenant) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        try {
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamoDb.query(query -> query.tableName(table)
                        .keyConditionExpression("#pk = :routes")
                        .filterExpression(ITEM_IS_OURS)
                        .expressionAttributeNames(Map.of("#pk", TenantDataLayout.PARTITION_KEY,
                                "#routeTenant", TenantDataLayout.ROUTE_TENANT_ATTRIBUTE))
                        .expressionAttributeValues(Map.of(
                                ":routes", AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                                ":tenant", AttributeValue.fromS(tenant.value())))
                        .consistentRead(true)
                        .exclusiveStartKey(from)
                        .overrideConfiguration(requests.asService()));
                items.addAll(page.items());
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return items;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not list the routes of tenant " + tenant + ": "
                    + e.getMessage(), false, e);
        }
    }
}
