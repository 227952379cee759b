package dev.shiptrack.tracking.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Tracking events in DynamoDB, the source of truth: {@code pk = <tenant>#<shipmentId>}, {@code sk = <time>#<eventId>}. */
@ApplicationScoped
public class TrackingEventRepository {

    static final String LAYER = "dynamodb";

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests tenantRequests;
    private final TrackingConfig config;

    TrackingEventRepository(DynamoDbClient dynamoDb, TenantAwsRequests tenantRequests, TrackingConfig config) {
        this.dynamoDb = dynamoDb;
        this.tenantRequests = tenantRequests;
        this.config = config;
    }

    public void save(TenantScope scope, TrackingEvent event) {
        String pk = EventItems.partitionKey(scope, event.shipmentId());
        Map<String, AttributeValue> item = EventItems.item(scope, pk, EventItems.sortKey(event), event);
        try {
            dynamoDb.putItem(put -> put.tableName(config.table()).item(item)
                    .overrideConfiguration(tenantRequests.overrideFor(scope.credentialsOwner())));
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, pk, e);
        }
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
                .tableName(config.table())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", EventItems.s(pk)))
                .scanIndexForward(oldestFirst)
                .limit(limit)
                .exclusiveStartKey(startKey)
                .overrideConfiguration(tenantRequests.overrideFor(scope.credentialsOwner()))
                .build();
        try {
            return dynamoDb.query(request);
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, pk, e);
        }
    }
}
