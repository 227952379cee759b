package dev.shiptrack.tracking;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.backends.OpenSearchServer;
import dev.shiptrack.backends.S3ProxyServer;
import dev.shiptrack.backends.StartedServers;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.localaws.LocalAwsEdge;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Real DynamoDB Local, OpenSearch and s3proxy behind the project's local AWS edge (STS, SigV4, IAM policies), all
 * on free ports of 127.0.0.1. Table and bucket are created with the admin key; the service reaches every store
 * only through the edge, with credentials the TVM obtains from the edge's STS.
 * <p>
 * With the init argument {@code tls=true} the edge serves HTTPS with a fresh self-signed certificate that the
 * service trusts through {@code javax.net.ssl.trustStore}: a system property, so for {@code *IT} suites only
 * (the artifact is a new process; a {@code @QuarkusTest} JVM has its default SSL context already).
 */
public class TrackingBackendsResource implements QuarkusTestResourceLifecycleManager {

    private static final String OPENSEARCH_BACKEND_PROPERTY = "test-support.opensearch-backend";
    private static final String OPENSEARCH_PID_PROPERTY = "test-support.opensearch-pid";
    private static final String DYNAMODB_PID_PROPERTY = "test-support.dynamodb-pid";
    private static final String EDGE_PROPERTY = "test-support.edge-endpoint";
    private static final String S3PROXY_KEY = "s3proxy-local-key";
    private static final String S3PROXY_SECRET = "s3proxy-local-secret";

    private final StartedServers started = new StartedServers();
    private boolean tls;

    @Override
    public void init(Map<String, String> initArgs) {
        tls = Boolean.parseBoolean(initArgs.get("tls"));
    }

    /** OpenSearch itself, bypassing the edge: only for tests that break the index on purpose. */
    public static String openSearchBackend() {
        return System.getProperty(OPENSEARCH_BACKEND_PROPERTY);
    }

    /**
     * OpenSearch's process, which a test may pause to play a hung search backend (a system property, because
     * the resource and a {@code @QuarkusTest} class may live in different class loaders).
     */
    public static long openSearchPid() {
        return Long.getLong(OPENSEARCH_PID_PROPERTY);
    }

    /** DynamoDB Local's process, which a test may pause to play a hung DynamoDB. */
    public static long dynamoDbPid() {
        return Long.getLong(DYNAMODB_PID_PROPERTY);
    }

    /** The local AWS edge, for tests that look into the stores with the admin key. */
    public static URI edgeEndpoint() {
        return URI.create(System.getProperty(EDGE_PROPERTY));
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<OpenSearchServer> openSearch = CompletableFuture.supplyAsync(
                () -> OpenSearchServer.start(null, 0));
        CompletableFuture<DynamoDbLocalServer> dynamoDb = CompletableFuture.supplyAsync(
                () -> DynamoDbLocalServer.start(null, 0));
        CompletableFuture<S3ProxyServer> s3proxy = CompletableFuture.supplyAsync(
                () -> S3ProxyServer.start(null, 0, S3PROXY_KEY, S3PROXY_SECRET));
        try {
            started.awaitAll(openSearch, dynamoDb, s3proxy);
            LocalAwsEdge.Builder edgeBuilder = LocalAwsEdge.builder()
                    .withLocalDefaults()
                    .dynamoDb(dynamoDb.join().endpoint())
                    .s3(s3proxy.join().endpoint(), S3PROXY_KEY, S3PROXY_SECRET)
                    .openSearch(openSearch.join().endpoint());
            Map<String, String> settings = new HashMap<>();
            UrlConnectionHttpClient.Builder adminHttpClient = UrlConnectionHttpClient.builder();
            if (tls) {
                LoopbackCertificate certificate = LoopbackCertificate.create();
                adminHttpClient.tlsTrustManagersProvider(certificate::trustManagers);
                edgeBuilder.tls(certificate.keyStore(), certificate.password());
                settings.put("javax.net.ssl.trustStore", certificate.trustStore().toString());
                settings.put("javax.net.ssl.trustStorePassword", certificate.password());
                settings.put("javax.net.ssl.trustStoreType", "PKCS12");
            }
            LocalAwsEdge edge = started.add(edgeBuilder.start());
            createTableAndBucket(edge.endpoint(), adminHttpClient);
            System.setProperty(OPENSEARCH_BACKEND_PROPERTY, openSearch.join().endpoint().toString());
            System.setProperty(OPENSEARCH_PID_PROPERTY, Long.toString(openSearch.join().process().pid()));
            System.setProperty(DYNAMODB_PID_PROPERTY, Long.toString(dynamoDb.join().process().pid()));
            System.setProperty(EDGE_PROPERTY, edge.endpoint().toString());
            String endpoint = edge.endpoint().toString();
            settings.putAll(Map.of(
                    "quarkus.oidc.public-key", Tokens.createSigningKey(),
                    "quarkus.dynamodb.endpoint-override", endpoint,
                    "quarkus.s3.endpoint-override", endpoint,
                    "quarkus.sts.endpoint-override", endpoint,
                    "tracking.opensearch.endpoint", endpoint));
            return settings;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** A tenant the control plane suspended. */
    public static final String SUSPENDED_TENANT = "orange";
    /** Tenants of their own for the rate limit tests: a basic one floods, a standard one must not notice. */
    public static final String NOISY_TENANT = "noisy";
    public static final String QUIET_TENANT = "quiet";
    /** A premium tenant whose items live in a silo table of its own. */
    public static final String SILO_TENANT = "acme";
    /** A custom hostname of yellow: any one label under yellow-parcels.example. */
    public static final String YELLOW_WILDCARD = "*.yellow-parcels.example";
    /** yellow, blue, noisy and quiet active, orange suspended; any other tenant has no status: never onboarded. */
    private static final Map<String, String> TEST_TENANT_STATUSES = Map.of(Tokens.YELLOW, "ACTIVE", Tokens.BLUE,
            "ACTIVE", SUSPENDED_TENANT, "SUSPENDED", NOISY_TENANT, "ACTIVE", QUIET_TENANT, "ACTIVE", SILO_TENANT,
            "ACTIVE");
    /**
     * Tiers as tenant-service registers them; yellow and blue are premium so that no other suite meets a rate limit.
     */
    private static final Map<String, String> TEST_TENANT_TIERS = Map.of(Tokens.YELLOW, "premium", Tokens.BLUE,
            "premium", SUSPENDED_TENANT, "basic", NOISY_TENANT, "basic", QUIET_TENANT, "standard", SILO_TENANT,
            "premium");

    private static void createTableAndBucket(URI edge, UrlConnectionHttpClient.Builder http) {
        TrackingStores stores = new TrackingStores(edge, LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY,
                http);
        stores.createIfMissing();
        stores.createSiloTableIfMissing(SILO_TENANT);
        try (DynamoDbClient dynamoDb = stores.dynamoDb()) {
            // What the control plane (tenant-service) projects for the test tenants, each in the table it lives in.
            TEST_TENANT_STATUSES.forEach((tenant, status) -> dynamoDb.putItem(put -> put.tableName(tableOf(tenant))
                    .item(Map.of(
                            TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant)),
                            TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY),
                            TenantDataLayout.TENANT_KEY, AttributeValue.fromS(TenantDataLayout.tenantKey(tenant)),
                            TenantDataLayout.STATUS_ATTRIBUTE, AttributeValue.fromS(status)))));
            // The routes registry tenant-service keeps: each tenant's subdomain, tier and storage, yellow's wildcard.
            TEST_TENANT_TIERS.forEach((tenant, tier) -> {
                Map<String, AttributeValue> attributes = new HashMap<>();
                attributes.put(TenantDataLayout.TIER_ATTRIBUTE, AttributeValue.fromS(tier));
                if (tenant.equals(SILO_TENANT)) {
                    attributes.put(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS(StorageModel.SILO.value()));
                }
                putRoute(dynamoDb, TenantDataLayout.tenantRouteKey(tenant), tenant, attributes);
                putRoute(dynamoDb, TenantDataLayout.hostRouteKey(tenant + ".shiptrack.localhost"), tenant, Map.of());
            });
            putRoute(dynamoDb, TenantDataLayout.hostRouteKey(YELLOW_WILDCARD), Tokens.YELLOW, Map.of());
        }
    }

    /** Registers a hostname of the tenant in the routes registry, as tenant-service does (admin key, through the edge). */
    public static void registerHost(String hostname, String tenant) {
        try (DynamoDbClient dynamoDb = adminDynamoDb()) {
            putRoute(dynamoDb, TenantDataLayout.hostRouteKey(hostname), tenant, Map.of());
        }
    }

    /** How many hostnames the routes registry holds. */
    public static int registeredHosts() {
        try (DynamoDbClient dynamoDb = adminDynamoDb()) {
            return dynamoDb.queryPaginator(query -> query.tableName(TrackingStores.TABLE).consistentRead(true)
                    .keyConditionExpression("#pk = :routes and begins_with(#sk, :host)")
                    .expressionAttributeNames(Map.of("#pk", TenantDataLayout.PARTITION_KEY,
                            "#sk", TenantDataLayout.SORT_KEY))
                    .expressionAttributeValues(Map.of(":routes", AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                            ":host", AttributeValue.fromS(TenantDataLayout.hostRouteKey("")))))
                    .stream().mapToInt(QueryResponse::count).sum();
        }
    }

    /** DynamoDB with the admin key, through the edge (plain HTTP only): what the tests look into the stores with. */
    public static DynamoDbClient adminDynamoDb() {
        return new TrackingStores(edgeEndpoint(), LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY).dynamoDb();
    }

    /** The table holding the tenant's items: the silo tenant's own, the pooled one for the others. */
    public static String tableOf(String tenant) {
        return tenant.equals(SILO_TENANT) ? TenantDataLayout.siloTable(TrackingStores.TABLE, tenant) : TrackingStores.TABLE;
    }

    private static void putRoute(DynamoDbClient dynamoDb, String sortKey, String tenant,
                                 Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION));
        item.put(TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey));
        item.put(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE, AttributeValue.fromS(tenant));
        dynamoDb.putItem(put -> put.tableName(TrackingStores.TABLE).item(item));
    }

    @Override
    public void stop() {
        started.close();
    }
}
