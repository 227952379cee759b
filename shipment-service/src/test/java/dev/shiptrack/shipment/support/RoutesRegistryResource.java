package dev.shiptrack.shipment.support;

import java.util.HashMap;
import java.util.Map;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.localaws.LocalAwsEdge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The routes registry as tenant-service keeps it, in DynamoDB Local behind the local AWS edge: the service reads it
 * with its own key (ShipmentServiceRole), so the edge evaluates the same policy as on AWS. yellow is premium, blue
 * basic; yellow also owns {@value #YELLOW_WILDCARD}.
 */
public class RoutesRegistryResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "TrackingData";
    public static final String YELLOW_WILDCARD = "*.yellow-parcels.example";

    private DynamoDbLocalServer dynamoDb;
    private LocalAwsEdge edge;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocalServer.start(null, 0);
        edge = LocalAwsEdge.builder().withLocalDefaults().dynamoDb(dynamoDb.endpoint()).start();
        var admin = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY));
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(edge.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(admin).httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createTable(table -> table.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            definition -> definition.attributeName(TenantDataLayout.PARTITION_KEY)
                                    .attributeType(ScalarAttributeType.S),
                            definition -> definition.attributeName(TenantDataLayout.SORT_KEY)
                                    .attributeType(ScalarAttributeType.S))
                    .keySchema(
                            key -> key.attributeName(TenantDataLayout.PARTITION_KEY).keyType(KeyType.HASH),
                            key -> key.attributeName(TenantDataLayout.SORT_KEY).keyType(KeyType.RANGE)));
            Map.of("yellow", "premium", "blue", "basic").forEach((tenant, tier) -> {
                putRoute(client, TenantDataLayout.tenantRouteKey(tenant), tenant, tier);
                putRoute(client, TenantDataLayout.hostRouteKey(tenant + ".shiptrack.localhost"), tenant, null);
            });
            putRoute(client, TenantDataLayout.hostRouteKey(YELLOW_WILDCARD), "yellow", null);
        }
        String endpoint = edge.endpoint().toString();
        return Map.of(
                "quarkus.dynamodb.endpoint-override", endpoint,
                "quarkus.sts.endpoint-override", endpoint,
                "quarkus.sts.aws.credentials.type", "static",
                "quarkus.sts.aws.credentials.static-provider.access-key-id", LocalAwsEdge.SHIPMENT_SERVICE_ACCESS_KEY,
                "quarkus.sts.aws.credentials.static-provider.secret-access-key", LocalAwsEdge.SHIPMENT_SERVICE_SECRET_KEY,
                "tenant-routing.registry.table", TABLE);
    }

    private static void putRoute(DynamoDbClient client, String sortKey, String tenant, String tier) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey),
                TenantDataLayout.ROUTE_TENANT_ATTRIBUTE, AttributeValue.fromS(tenant)));
        if (tier != null) {
            item.put(TenantDataLayout.TIER_ATTRIBUTE, AttributeValue.fromS(tier));
        }
        client.putItem(put -> put.tableName(TABLE).item(item));
    }

    @Override
    public void stop() {
        if (edge != null) {
            edge.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
