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
    /** DynamoDB's TTL attribute of drained re-index outbox entries. */
    private static final String EXPIRY_ATTRIBUTE = "expiresAt";

    private final URI edge;
    private final StaticCredentialsProvider admin;

    public TrackingStores(URI edge, String adminAccessKey, String adminSecretKey) {
        this.edge = edge;
        this.admin = StaticCredentialsProvider.create(AwsBasicCredentials.create(adminAccessKey, adminSecretKey));
    }

    /** Creates what is missing; returns true when something had to be created. */
    public boolean createIfMissing() {
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(edge).region(Region.US_EAST_1)
                     .credentialsProvider(admin).httpClient(http).build();
             S3Client s3 = S3Client.builder().endpointOverride(edge).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(admin).httpClient(http).build()) {
            return createTable(dynamoDb) | createBucket(s3);
        }
    }

    private static boolean createTable(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.describeTable(table -> table.tableName(TABLE));
            return false;
        } catch (ResourceNotFoundException missing) {
            dynamoDb.createTable(table -> table.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TenantDataLayout.TENANT_KEY)
                                    .attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .globalSecondaryIndexes(index -> index.indexName(TenantDataLayout.TENANT_ITEMS_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName(TenantDataLayout.TENANT_KEY)
                                    .keyType(KeyType.HASH).build())
                            .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))));
            dynamoDb.waiter().waitUntilTableExists(table -> table.tableName(TABLE));
            dynamoDb.updateTimeToLive(ttl -> ttl.tableName(TABLE)
                    .timeToLiveSpecification(spec -> spec.attributeName(EXPIRY_ATTRIBUTE).enabled(true)));
            return true;
        }
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
