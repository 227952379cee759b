package dev.shiptrack.shipment.support;

import java.util.HashMap;
import java.util.Map;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.localaws.LocalAwsEdge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The routes registry as tenant-service keeps it, in DynamoDB Local behind the local AWS edge: the service reads it
 * with its own key (ShipmentServiceRole), so the edge evaluates the same policy as on AWS. yellow is premium, blue
 * basic; yellow also owns {@value #YELLOW_WILDCARD}.
 */
public class RoutesRegistryResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = TrackingStores.TABLE;
    public static final String YELLOW_WILDCARD = "*.yellow-parcels.example";

    private DynamoDbLocalServer dynamoDb;
    private LocalAwsEdge edge;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocalServer.start(null, 0);
        edge = LocalAwsEdge.builder().withLocalDefaults().dynamoDb(dynamoDb.endpoint()).start();
        TrackingStores stores = new TrackingStores(edge.endpoint(), LocalAwsEdge.ADMIN_ACCESS_KEY,
                LocalAwsEdge.ADMIN_SECRET_KEY);
        stores.createPooledTableIfMissing();
        try (DynamoDbClient client = stores.dynamoDb()) {
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
