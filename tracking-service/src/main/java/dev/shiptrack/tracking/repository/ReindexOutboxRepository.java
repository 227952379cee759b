package dev.shiptrack.tracking.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.iam.TenantDataLayout;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events stored in DynamoDB whose OpenSearch indexing failed, kept in the tenant's own partition
 * {@code <tenant>#_reindex} (the underscore is outside the shipment-id alphabet, so it is never a shipment). The
 * access policy grants no DeleteItem: a drained entry is overwritten as DONE with an {@code expiresAt} TTL.
 */
@ApplicationScoped
public class ReindexOutboxRepository {

    private static final String OUTBOX_SUFFIX = "_reindex";
    private static final String STATE = "indexState";
    private static final String PENDING = "PENDING";
    private static final String DONE = "DONE";

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests tenantRequests;
    private final TrackingConfig config;

    ReindexOutboxRepository(DynamoDbClient dynamoDb, TenantAwsRequests tenantRequests, TrackingConfig config) {
        this.dynamoDb = dynamoDb;
        this.tenantRequests = tenantRequests;
        this.config = config;
    }

    /**
     * Queues an event whose indexing failed. Called on the request path, but outside its {@link StoreCallBudget}:
     * the event is stored already, and this write is what keeps it from being missing from search for good.
     */
    public void addPending(TenantScope scope, TrackingEvent event) {
        put(scope, event, Map.of(STATE, EventItems.s(PENDING)));
    }

    public void markDone(TenantScope scope, TrackingEvent event, Instant expiresAt) {
        put(scope, event, Map.of(STATE, EventItems.s(DONE),
                TenantDataLayout.EXPIRY_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))));
    }

    /** Up to {@code limit} pending entries, in key order (shipment, then event time). */
    public List<TrackingEvent> pending(TenantScope scope, int limit) {
        String pk = outboxKey(scope);
        try {
            // Consistent: an entry queued just before its tenant was marked pending must be seen (on AWS a Query is
            // otherwise eventually consistent).
            return dynamoDb.queryPaginator(query -> query.tableName(scope.table(config.table()))
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .filterExpression("#state = :pending")
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(":pk", EventItems.s(pk), ":pending", EventItems.s(PENDING)))
                    .overrideConfiguration(tenantRequests.overrideFor(scope.credentialsOwner(), scope.storage())))
                    .items().stream().limit(limit).map(EventItems::event).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(TrackingEventRepository.LAYER, scope, pk, e);
        }
    }

    private void put(TenantScope scope, TrackingEvent event, Map<String, AttributeValue> state) {
        String pk = outboxKey(scope);
        Map<String, AttributeValue> item = EventItems.item(scope, pk, event.shipmentId() + "#" + EventItems.sortKey(event),
                event);
        item.putAll(state);
        try {
            dynamoDb.putItem(put -> put.tableName(scope.table(config.table())).item(item)
                    .overrideConfiguration(tenantRequests.overrideFor(scope.credentialsOwner(), scope.storage())));
        } catch (SdkException e) {
            throw AwsErrors.translate(TrackingEventRepository.LAYER, scope, pk, e);
        }
    }

    private static String outboxKey(TenantScope scope) {
        return TenantDataLayout.tenantKey(scope.prefix()) + OUTBOX_SUFFIX;
    }
}
