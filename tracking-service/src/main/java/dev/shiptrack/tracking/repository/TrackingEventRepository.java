package dev.shiptrack.tracking.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.IdempotencyKey;
import dev.shiptrack.tracking.model.TrackingEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tracking events in DynamoDB, the source of truth: {@code pk = <tenant>#<shipmentId>}, {@code sk = <time>#<eventId>}.
 * An event recorded under an idempotency key is written in one transaction with its key item
 * {@code pk = <tenant>#_idempotency#<key>} (the underscore is outside the shipment-id alphabet), which holds the
 * request's fingerprint and the event's keys until {@code expiresAt} (DynamoDB's TTL removes it later).
 */
@ApplicationScoped
public class TrackingEventRepository {

    static final String LAYER = "dynamodb";
    private static final String PK = TenantDataLayout.PARTITION_KEY;
    private static final String SK = TenantDataLayout.SORT_KEY;
    private static final String IDEMPOTENCY_PARTITION = "_idempotency#";
    private static final String KEY_ITEM_SORT_KEY = "request";

    /** The request an idempotency key recorded earlier, and the event it recorded. */
    public record PriorRequest(String fingerprint, TrackingEvent event) {
    }

    private final DynamoDbClient dynamoDb;
    private final StoreCallBudget budget;
    private final TrackingConfig config;

    TrackingEventRepository(DynamoDbClient dynamoDb, StoreCallBudget budget, TrackingConfig config) {
        this.dynamoDb = dynamoDb;
        this.budget = budget;
        this.config = config;
    }

    public void save(TenantScope scope, TrackingEvent event) {
        String pk = EventItems.partitionKey(scope, event.shipmentId());
        Map<String, AttributeValue> item = EventItems.item(scope, pk, EventItems.sortKey(event), event);
        try {
            dynamoDb.putItem(put -> put.tableName(scope.table(config.table())).item(item)
                    .overrideConfiguration(budget.asTenant(scope, dynamoDb, LAYER)));
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, pk, e);
        }
    }

    /**
     * Saves the event together with the key item, or nothing when the key is held (not yet expired): then the key's
     * earlier request. A retry of this very call (the SDK's, after a lost answer) finds its own key item and so
     * returns its own event: no second event either way.
     */
    public Optional<PriorRequest> saveOnce(TenantScope scope, TrackingEvent event, IdempotencyKey key,
            String fingerprint, Instant now, Instant expiresAt) {
        String pk = EventItems.partitionKey(scope, event.shipmentId());
        String sk = EventItems.sortKey(event);
        String keyPk = keyPartition(scope, key);
        Map<String, AttributeValue> keyItem = new HashMap<>();
        keyItem.put(PK, EventItems.s(keyPk));
        keyItem.put(SK, EventItems.s(KEY_ITEM_SORT_KEY));
        keyItem.put(TenantDataLayout.TENANT_KEY, EventItems.s(TenantDataLayout.tenantKey(scope.prefix())));
        keyItem.put("fingerprint", EventItems.s(fingerprint));
        keyItem.put("eventPk", EventItems.s(pk));
        keyItem.put("eventSk", EventItems.s(sk));
        keyItem.put(TenantDataLayout.EXPIRY_ATTRIBUTE, epochSeconds(expiresAt));
        Put claimKey = Put.builder().tableName(scope.table(config.table())).item(keyItem)
                .conditionExpression("attribute_not_exists(#pk) OR expiresAt < :now")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
                .build();
        Put saveEvent = Put.builder().tableName(scope.table(config.table()))
                .item(EventItems.item(scope, pk, sk, event)).build();
        try {
            dynamoDb.transactWriteItems(write -> write
                    .transactItems(TransactWriteItem.builder().put(claimKey).build(),
                            TransactWriteItem.builder().put(saveEvent).build())
                    .overrideConfiguration(budget.asTenant(scope, dynamoDb, LAYER)));
            return Optional.empty();
        } catch (TransactionCanceledException e) {
            if (!e.hasCancellationReasons() || !"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                throw AwsErrors.translate(LAYER, scope, keyPk, e);
            }
            return Optional.of(prior(scope, keyPk));
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, pk, e);
        }
    }

    private PriorRequest prior(TenantScope scope, String keyPk) {
        Map<String, AttributeValue> keyItem = getItem(scope, keyPk, KEY_ITEM_SORT_KEY).orElseThrow(() ->
                new StoreUnavailableException(LAYER, "the idempotency key expired while it was being used"));
        Map<String, AttributeValue> eventItem = getItem(scope, keyItem.get("eventPk").s(), keyItem.get("eventSk").s())
                .orElseThrow(() -> new StoreUnavailableException(LAYER, "the event of an idempotency key is missing"));
        return new PriorRequest(keyItem.get("fingerprint").s(), EventItems.event(eventItem));
    }

    private Optional<Map<String, AttributeValue>> getItem(TenantScope scope, String pk, String sk) {
        try {
            var answer = dynamoDb.getItem(get -> get.tableName(scope.table(config.table())).consistentRead(true)
                    .key(Map.of(PK, EventItems.s(pk), SK, EventItems.s(sk)))
                    .overrideConfiguration(budget.asTenant(scope, dynamoDb, LAYER)));
            return answer.hasItem() && !answer.item().isEmpty() ? Optional.of(answer.item()) : Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, pk, e);
        }
    }

    private static String keyPartition(TenantScope scope, IdempotencyKey key) {
        return TenantDataLayout.tenantKey(scope.prefix()) + IDEMPOTENCY_PARTITION + key.value();
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    /** The shipment's events, oldest first, at most {@code tracking.limits.history-events}. */
    public List<TrackingEvent> history(TenantScope scope, String shipmentId) {
        List<TrackingEvent> events = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        int limit = config.limits().historyEvents();
        do {
            QueryResponse page = query(scope, shipmentId, true, limit - events.size(), startKey);
            page.items().forEach(item -> events.add(EventItems.event(item)));
            startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && events.size() < limit);
        return events;
    }

    /** The shipment's latest event by event time. */
    public Optional<TrackingEvent> latest(TenantScope scope, String shipmentId) {
        return query(scope, shipmentId, false, 1, null).items().stream().findFirst().map(EventItems::event);
    }

    private QueryResponse query(TenantScope scope, String shipmentId, boolean oldestFirst, int limit,
            Map<String, AttributeValue> startKey) {
        String pk = EventItems.partitionKey(scope, shipmentId);
        QueryRequest request = QueryRequest.builder()
                .tableName(scope.table(config.table()))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", EventItems.s(pk)))
                .scanIndexForward(oldestFirst)
                .limit(limit)
                .exclusiveStartKey(startKey)
                .overrideConfiguration(budget.asTenant(scope, dynamoDb, LAYER))
                .build();
        try {
            return dynamoDb.query(request);
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, pk, e);
        }
    }
}
