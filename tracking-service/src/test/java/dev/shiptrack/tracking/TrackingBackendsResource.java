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
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

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
    private static final String S3PROXY_KEY = "s3proxy-local-key";
    private static final String S3PROXY_SECRET = "s3proxy-local-secret";
    private static final String TABLE = "TrackingData";
    private static final String BUCKET = "tracking-documents";

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
    /** A custom hostname of yellow: any one label under yellow-parcels.example. */
    public static final String YELLOW_WILDCARD = "*.yellow-parcels.example";
    /** yellow, blue, noisy and quiet active, orange suspended; any other tenant has no status: never onboarded. */
    private static final Map<String, String> TEST_TENANT_STATUSES = Map.of(Tokens.YELLOW, "ACTIVE", Tokens.BLUE,
            "ACTIVE", SUSPENDED_TENANT, "SUSPENDED", NOISY_TENANT, "ACTIVE", QUIET_TENANT, "ACTIVE");
    /**
     * Tiers as tenant-service registers them; yellow and blue are premium so that no other suite meets a rate limit.
     */
    private static final Map<String, String> TEST_TENANT_TIERS = Map.of(Tokens.YELLOW, "premium", Tokens.BLUE,
            "premium", SUSPENDED_TENANT, "basic", NOISY_TENANT, "basic", QUIET_TENANT, "standard");

    private static void createTableAndBucket(URI edge, UrlConnectionHttpClient.Builder http) {
        var admin = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY));
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(edge).region(Region.US_EAST_1)
                .credentialsProvider(admin).httpClientBuilder(http).build();
                S3Client s3 = S3Client.builder().endpointOverride(edge).region(Region.US_EAST_1)
                        .forcePathStyle(true).credentialsProvider(admin)
                        .httpClientBuilder(http).build()) {
            dynamoDb.createTable(table -> table.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            definition -> definition.attributeName("pk").attributeType(ScalarAttributeType.S),
                            definition -> definition.attributeName("sk").attributeType(ScalarAttributeType.S),
                            definition -> definition.attributeName(TenantDataLayout.TENANT_KEY)
                                    .attributeType(ScalarAttributeType.S))
                    .keySchema(
                            key -> key.attributeName("pk").keyType(KeyType.HASH),
                            key -> key.attributeName("sk").keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(index -> index.indexName(TenantDataLayout.TENANT_ITEMS_INDEX)
                            .keySchema(key -> key.attributeName(TenantDataLayout.TENANT_KEY).keyType(KeyType.HASH))
                            .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))));
            s3.createBucket(bucket -> bucket.bucket(BUCKET));
            // What the control plane (tenant-service) projects for the test tenants.
            TEST_TENANT_STATUSES.forEach((tenant, status) -> dynamoDb.putItem(put -> put.tableName(TABLE).item(Map.of(
                    TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant)),
                    TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY),
                    TenantDataLayout.TENANT_KEY, AttributeValue.fromS(TenantDataLayout.tenantKey(tenant)),
                    TenantDataLayout.STATUS_ATTRIBUTE, AttributeValue.fromS(status)))));
            // The routes registry tenant-service keeps: each tenant's subdomain and tier, and yellow's wildcard.
            TEST_TENANT_TIERS.forEach((tenant, tier) -> {
                putRoute(dynamoDb, TenantDataLayout.tenantRouteKey(tenant), tenant,
                        Map.of(TenantDataLayout.TIER_ATTRIBUTE, AttributeValue.fromS(tier)));
                putRoute(dynamoDb, TenantDataLayout.hostRouteKey(tenant + ".shiptrack.localhost"), tenant, Map.of());
            });
            putRoute(dynamoDb, TenantDataLayout.hostRouteKey(YELLOW_WILDCARD), Tokens.YELLOW, Map.of());
        }
    }

    private static void putRoute(DynamoDbClient dynamoDb, String sortKey, String tenant,
                                 Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION));
        item.put(TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey));
        item.put(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE, AttributeValue.fromS(tenant));
        dynamoDb.putItem(put -> put.tableName(TABLE).item(item));
    }

    @Override
    public void stop() {
        started.close();
    }
}
