package dev.shiptrack.backends;

import dev.shiptrack.iam.TenantDataLayout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.net.URI;

/**
 * The DynamoDB table and S3 bucket tracking-service expects (docs/architecture.md, "Data layout"), created through
 * the local AWS edge with the admin key when missing. tracking-service creates each tenant's OpenSearch index
 * itself on its first write.
 */
public final class TrackingStores {

    public static final String TABLE = "TrackingData";
    public static final String BUCKET = "tracking-documents";

    private final URI edge;
    private final StaticCredentialsProvider admin;
    private final SdkHttpClient.Builder<?> http;

    public TrackingStores(URI edge, String adminAccessKey, String adminSecretKey) {
        this(edge, adminAccessKey, adminSecretKey, UrlConnectionHttpClient.builder());
    }

    /** @param http the HTTP client to reach the edge with (one that trusts the edge's certificate over TLS) */
    public TrackingStores(URI edge, String adminAccessKey, String adminSecretKey, SdkHttpClient.Builder<?> http) {
        this.edge = edge;
        this.admin = StaticCredentialsProvider.create(AwsBasicCredentials.create(adminAccessKey, adminSecretKey));
        this.http = http;
    }

    /** Creates what is missing; returns true when something had to be created. */
    public boolean createIfMissing() {
        try (DynamoDbClient dynamoDb = dynamoDb();
             S3Client s3 = S3Client.builder().endpointOverride(edge).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(admin).httpClientBuilder(http).build()) {
            return createTable(dynamoDb, TABLE, true) | createBucket(s3);
        }
    }

    /** Creates the pooled table alone (for an edge without S3); returns true when it had to be created. */
    public boolean createPooledTableIfMissing() {
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            return createTable(dynamoDb, TABLE, true);
        }
    }

    /**
     * Creates a tenant's silo table ({@link TenantDataLayout#siloTable}) as tenant-service does at onboarding, for tests
     * that play a premium tenant without the control plane; returns true when it had to be created.
     */
    public boolean createSiloTableIfMissing(String tenant) {
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            return createTable(dynamoDb, TenantDataLayout.siloTable(TABLE, tenant), false);
        }
    }

    /** An admin DynamoDB client through the edge; the caller closes it. */
    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(edge).region(Region.US_EAST_1)
                .credentialsProvider(admin).httpClientBuilder(http).build();
    }

    /** The pooled table carries the keys-only index offboarding finds a tenant's items with; a silo needs none. */
    private static boolean createTable(DynamoDbClient dynamoDb, String name, boolean tenantItemsIndex) {
        try {
            dynamoDb.describeTable(table -> table.tableName(name));
            return false;
        } catch (ResourceNotFoundException missing) {
            dynamoDb.createTable(table -> {
                table.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(
                                KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
                if (tenantItemsIndex) {
                    table.attributeDefinitions(stringAttribute("pk"), stringAttribute("sk"),
                                    stringAttribute(TenantDataLayout.TENANT_KEY))
                            .globalSecondaryIndexes(index -> index.indexName(TenantDataLayout.TENANT_ITEMS_INDEX)
                                    .keySchema(KeySchemaElement.builder().attributeName(TenantDataLayout.TENANT_KEY)
                                            .keyType(KeyType.HASH).build())
                                    .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)));
                } else {
                    table.attributeDefinitions(stringAttribute("pk"), stringAttribute("sk"));
                }
            });
            dynamoDb.waiter().waitUntilTableExists(table -> table.tableName(name));
            dynamoDb.updateTimeToLive(ttl -> ttl.tableName(name)
                    .timeToLiveSpecification(spec -> spec.attributeName(TenantDataLayout.EXPIRY_ATTRIBUTE).enabled(true)));
            return true;
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static boolean createBucket(S3Client s3) {
        try {
            s3.headBucket(bucket -> bucket.bucket(BUCKET));
            return false;
        } catch (NoSuchBucketException missing) {
            s3.createBucket(bucket -> bucket.bucket(BUCKET));
            return true;
        }
    }
}
