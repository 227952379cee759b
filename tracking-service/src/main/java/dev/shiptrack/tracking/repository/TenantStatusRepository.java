package dev.shiptrack.tracking.repository;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tracking.config.TrackingConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tenant's status as the control plane projects it into the tenant's own partition ({@code <tenant>#_tenant}),
 * read with the tenant's credentials. tracking-service can read it but never write it: TrackingAccessPolicy
 * denies every write to {@code *#_tenant}.
 */
@ApplicationScoped
public class TenantStatusRepository {

    private final DynamoDbClient dynamoDb;
    private final StoreCallBudget budget;
    private final TrackingConfig config;

    TenantStatusRepository(DynamoDbClient dynamoDb, StoreCallBudget budget, TrackingConfig config) {
        this.dynamoDb = dynamoDb;
        this.budget = budget;
        this.config = config;
    }

    /** The status, empty when the control plane never onboarded the tenant (or erased it). */
    public Optional<String> status(TenantScope scope) {
        String pk = TenantDataLayout.statusPartitionKey(scope.prefix());
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(scope.table(config.table()))
                    .key(Map.of(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(pk),
                            TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY)))
                    .consistentRead(true)
                    .overrideConfiguration(budget.asTenant(scope, dynamoDb, TrackingEventRepository.LAYER))).item();
            return Optional.ofNullable(item).map(found -> found.get(TenantDataLayout.STATUS_ATTRIBUTE))
                    .map(AttributeValue::s);
        } catch (SdkException e) {
            throw AwsErrors.translate(TrackingEventRepository.LAYER, scope, pk, e);
        }
    }
}
