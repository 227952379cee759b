package dev.shiptrack.localaws;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import dev.shiptrack.iam.PolicyValidator;
import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.backends.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbIsolationTest {

    private static final String TABLE = "TrackingData";
    private static final String ACME_SILO = TenantDataLayout.siloTable(TABLE, "acme");
    private static final MutableClock CLOCK = new MutableClock();
    private static DynamoDbLocalServer dynamoDbLocal;
    private static LocalAwsEdge edge;
    private static AwsClients clients;
    private static DynamoDbClient yellow;

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocalServer.start(null, FreePorts.next());
        edge = LocalAwsEdge.builder().withLocalDefaults().clock(CLOCK).dynamoDb(dynamoDbLocal.endpoint()).start();
        clients = new AwsClients(edge.endpoint());
        try (DynamoDbClient admin = clients.dynamoDb(AwsClients.admin())) {
            if (!admin.listTables().tableNames().contains(TABLE)) {
                admin.createTable(table -> table.tableName(TABLE)
                        .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("carrier"))
                        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byCarrier")
                                .keySchema(key("carrier", KeyType.HASH), key("sk", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                .build())
                        .billingMode("PAY_PER_REQUEST"));
            }
            for (String tenant : List.of("yellow", "blue")) {
                admin.putItem(put -> put.tableName(TABLE).item(item(tenant + "#s1", "2024-01-01T00:00:00Z#1")));
                admin.putItem(put -> put.tableName(TABLE).item(item(tenant + "#s1", "2024-01-02T00:00:00Z#1")));
            }
            // Silo tables: acme's own, and one named after the pooled tenant yellow (which must stay out of it).
            for (String tenant : List.of("acme", "yellow")) {
                String silo = TenantDataLayout.siloTable(TABLE, tenant);
                if (!admin.listTables().tableNames().contains(silo)) {
                    admin.createTable(table -> table.tableName(silo)
                            .attributeDefinitions(attribute("pk"), attribute("sk"))
                            .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                            .billingMode("PAY_PER_REQUEST"));
                }
                admin.putItem(put -> put.tableName(silo).item(item(tenant + "#s1", "2024-01-01T00:00:00Z#1")));
            }
        }
        yellow = clients.dynamoDb(clients.tenant("yellow"));
    }

    @AfterAll
    static void stop() {
        yellow.close();
        edge.close();
        dynamoDbLocal.close();
    }

    @Test
    void shouldLetATenantReadItsOwnItem() {
        Map<String, AttributeValue> item = yellow.getItem(get -> get.tableName(TABLE)
                .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))).item();

        assertThat(item.get("pk").s()).isEqualTo("yellow#s1");
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> {
            assertThat(record.action()).isEqualTo("dynamodb:GetItem");
            assertThat(record.resource()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData");
            assertThat(record.decidingStatement()).isEqualTo("TenantItemsInPooledTable");
            assertThat(record.tags()).containsEntry("TenantID", "yellow");
        });
    }

    @Test
    void shouldLetATenantQueryWriteAndBatchReadItsOwnItems() {
        yellow.putItem(put -> put.tableName(TABLE).item(item("yellow#s2", "2024-02-01T00:00:00Z#1")));

        assertThat(yellow.query(query -> query.tableName(TABLE).keyConditionExpression("#pk = :pk AND sk > :after")
                .expressionAttributeNames(Map.of("#pk", "pk"))
                .expressionAttributeValues(Map.of(":pk", s("yellow#s1"), ":after", s("2024")))).items())
                .hasSize(2);
        assertThat(yellow.batchGetItem(batch -> batch.requestItems(Map.of(TABLE, KeysAndAttributes.builder()
                .keys(key("yellow#s1", "2024-01-01T00:00:00Z#1"), key("yellow#s2", "2024-02-01T00:00:00Z#1"))
                .build()))).responses().get(TABLE)).hasSize(2);
        assertThat(yellow.transactGetItems(transact -> transact.transactItems(item -> item.get(get -> get
                .tableName(TABLE).key(key("yellow#s2", "2024-02-01T00:00:00Z#1"))))).responses()).hasSize(1);
    }

    @Test
    void shouldRefuseReadingAnotherTenantsItem() {
        assertAccessDenied(() -> yellow.getItem(get -> get.tableName(TABLE)
                .key(key("blue#s1", "2024-01-01T00:00:00Z#1"))));
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> {
            assertThat(record.decision()).isEqualTo("IMPLICITLY_DENIED");
            assertThat(record.principal()).isEqualTo("arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/"
                    + "tenant-yellow");
        });
    }

    @Test
    void shouldLetASiloTenantUseItsOwnSiloTableAndNeverThePooledTable() {
        try (DynamoDbClient acme = clients.dynamoDb(clients.tenant("acme", StorageModel.SILO))) {
            acme.putItem(put -> put.tableName(ACME_SILO).item(item("acme#s2", "2024-02-01T00:00:00Z#1")));
            assertThat(acme.getItem(get -> get.tableName(ACME_SILO).key(key("acme#s2", "2024-02-01T00:00:00Z#1")))
                    .item()).containsEntry("pk", s("acme#s2"));
            assertThat(edge.auditTrail().last()).hasValueSatisfying(record ->
                    assertThat(record.decidingStatement()).isEqualTo("TenantItemsInSiloTable"));

            assertAccessDenied(() -> acme.putItem(put -> put.tableName(TABLE)
                    .item(item("acme#s3", "2024-02-01T00:00:00Z#1"))));
            assertAccessDenied(() -> acme.query(query -> query.tableName(TABLE)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("acme#s1")))));
        }
    }

    @Test
    void shouldKeepAPooledTenantOutOfEverySiloTableEvenOneNamedAfterIt() {
        assertAccessDenied(() -> yellow.getItem(get -> get.tableName(ACME_SILO)
                .key(key("acme#s1", "2024-01-01T00:00:00Z#1"))));
        assertAccessDenied(() -> yellow.getItem(get -> get.tableName(TenantDataLayout.siloTable(TABLE, "yellow"))
                .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))));
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record ->
                assertThat(record.decision()).isEqualTo("IMPLICITLY_DENIED"));
    }

    @Test
    void shouldKeepASiloTenantOutOfAnotherTenantsSiloTable() {
        try (DynamoDbClient acme = clients.dynamoDb(clients.tenant("acme", StorageModel.SILO))) {
            String yellowSilo = TenantDataLayout.siloTable(TABLE, "yellow");
            assertAccessDenied(() -> acme.getItem(get -> get.tableName(yellowSilo)
                    .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))));
            assertAccessDenied(() -> acme.putItem(put -> put.tableName(yellowSilo)
                    .item(item("acme#s1", "2024-01-01T00:00:00Z#1"))));
        }
    }

    @Test
    void shouldRefuseATenantSessionWithoutAKnownStorageModel() {
        try (StsClient sts = clients.sts(AwsClients.trackingService())) {
            for (List<Tag> tags : List.of(List.of(Tag.builder().key("TenantID").value("acme").build()),
                    List.of(Tag.builder().key("TenantID").value("acme").build(),
                            Tag.builder().key("StorageModel").value("shared").build()))) {
                assertThatThrownBy(() -> sts.assumeRole(AssumeRoleRequest.builder()
                        .roleArn(AwsClients.TRACKING_ACCESS_ROLE).roleSessionName("tenant-acme").tags(tags).build()))
                        .isInstanceOfSatisfying(StsException.class, e ->
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
        }
    }

    @Test
    void shouldConfineAPerTenantRoleToItsTenantsPartitionWithoutSessionTags() {
        Credentials yellowRole;
        try (StsClient sts = clients.sts(AwsClients.trackingService())) {
            yellowRole = sts.assumeRole(AssumeRoleRequest.builder()
                    .roleArn("arn:aws:iam::123456789012:role/assumeRole-yellow").roleSessionName("yellow.tracking")
                    .build()).credentials();
        }
        try (DynamoDbClient rolePerTenant = clients.dynamoDb(AwsClients.session(yellowRole))) {
            assertThat(rolePerTenant.query(query -> query.tableName(TABLE).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("yellow#s1")))).items()).hasSize(2);
            assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> {
                assertThat(record.principal()).isEqualTo(
                        "arn:aws:sts::123456789012:assumed-role/assumeRole-yellow/yellow.tracking");
                assertThat(record.tags()).isEmpty();
            });
            assertAccessDenied(() -> rolePerTenant.query(query -> query.tableName(TABLE)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("blue#s1")))));
        }
    }

    @Test
    void shouldRefuseAPerTenantRoleToAPrincipalItsTrustPolicyDoesNotName() {
        try (StsClient sts = clients.sts(AwsClients.longTerm(LocalAwsEdge.SHIPMENT_SERVICE_ACCESS_KEY,
                LocalAwsEdge.SHIPMENT_SERVICE_SECRET_KEY))) {
            assertThatThrownBy(() -> sts.assumeRole(AssumeRoleRequest.builder()
                    .roleArn("arn:aws:iam::123456789012:role/assumeRole-yellow").roleSessionName("intruder")
                    .build()))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void shouldRefuseQueryingAnotherTenantsPartition() {
        assertAccessDenied(() -> yellow.query(query -> query.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("blue#s1")))));
    }

    @Test
    void shouldRefuseWritingIntoAnotherTenantsPartition() {
        assertAccessDenied(() -> yellow.putItem(put -> put.tableName(TABLE)
                .item(item("blue#s9", "2024-01-01T00:00:00Z#1"))));
    }

    @Test
    void shouldRefuseABatchReadWithOneForeignKey() {
        assertAccessDenied(() -> yellow.batchGetItem(batch -> batch.requestItems(Map.of(TABLE,
                KeysAndAttributes.builder().keys(key("yellow#s1", "2024-01-01T00:00:00Z#1"),
                        key("blue#s1", "2024-01-01T00:00:00Z#1")).build()))));
    }

    @Test
    void shouldRefuseATransactionWithOneForeignItem() {
        assertAccessDenied(() -> yellow.transactWriteItems(transact -> transact.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(TABLE)
                        .item(item("yellow#s3", "2024-03-01T00:00:00Z#1")).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(TABLE)
                        .item(item("blue#s3", "2024-03-01T00:00:00Z#1")).build()).build())));
        assertThat(yellow.getItem(get -> get.tableName(TABLE).key(key("yellow#s3", "2024-03-01T00:00:00Z#1")))
                .hasItem()).as("nothing of the refused transaction was written").isFalse();
    }

    @Test
    void shouldRefuseAScanEvenThoughItNamesNoKeys() {
        assertAccessDenied(() -> yellow.scan(scan -> scan.tableName(TABLE)));
    }

    @Test
    void shouldRefuseQueryingAnIndexThePolicyDoesNotName() {
        assertAccessDenied(() -> yellow.query(query -> query.tableName(TABLE).indexName("byCarrier")
                .keyConditionExpression("carrier = :c").expressionAttributeValues(Map.of(":c", s("yellow#ups")))));
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> assertThat(record.resource())
                .isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData/index/byCarrier"));
    }

    @Test
    void shouldRefuseActionsThePolicyDoesNotGrantEvenOnOwnItems() {
        assertAccessDenied(() -> yellow.deleteItem(delete -> delete.tableName(TABLE)
                .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))));
        assertAccessDenied(() -> yellow.updateItem(update -> update.tableName(TABLE)
                .key(key("yellow#s1", "2024-01-01T00:00:00Z#1")).updateExpression("SET note = :n")
                .expressionAttributeValues(Map.of(":n", s("x")))));
        assertAccessDenied(() -> yellow.batchWriteItem(batch -> batch.requestItems(Map.of(TABLE, List.of(
                WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(item("yellow#s4", "2024-04-01T00:00:00Z#1")).build()).build())))));
        assertAccessDenied(() -> yellow.describeTable(describe -> describe.tableName(TABLE)));
    }

    @Test
    void shouldNarrowAccessWithASessionPolicy() {
        String getItemOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}";
        Credentials narrowed;
        try (StsClient sts = clients.sts(AwsClients.trackingService())) {
            narrowed = sts.assumeRole(AssumeRoleRequest.builder().roleArn(AwsClients.TRACKING_ACCESS_ROLE)
                    .roleSessionName("narrowed").policy(getItemOnly)
                    .tags(AwsClients.tenantTags("yellow", StorageModel.POOL)).build()).credentials();
        }
        try (DynamoDbClient client = clients.dynamoDb(AwsClients.session(narrowed))) {
            assertThat(client.getItem(get -> get.tableName(TABLE).key(key("yellow#s1", "2024-01-01T00:00:00Z#1")))
                    .hasItem()).isTrue();
            assertAccessDenied(() -> client.query(query -> query.tableName(TABLE).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("yellow#s1")))));
            assertAccessDenied(() -> client.getItem(get -> get.tableName(TABLE)
                    .key(key("blue#s1", "2024-01-01T00:00:00Z#1"))));
        }
    }

    @Test
    void shouldEnforceTheTvmPermissionTemplatesAsASessionPolicy() {
        Map<String, String> values = Map.of("tenant", "yellow", "table", TABLE, "bucket", "tracking-documents",
                "region", "us-east-1", "account", "123456789012");
        String sessionPolicy = PolicyValidator.validateSessionPolicy(PolicyDocuments.merge(List.of(
                PolicyHydrator.hydrate(PolicyDocuments.permissionTemplate("dynamodb-leading-key"), values),
                PolicyHydrator.hydrate(PolicyDocuments.permissionTemplate("s3-prefix-per-tenant"), values))));
        Credentials vended;
        try (StsClient sts = clients.sts(AwsClients.trackingService())) {
            vended = sts.assumeRole(AssumeRoleRequest.builder().roleArn(AwsClients.TRACKING_ACCESS_ROLE)
                    .roleSessionName("tracking-yellow").policy(sessionPolicy).durationSeconds(900)
                    .tags(AwsClients.tenantTags("yellow", StorageModel.POOL)).build()).credentials();
        }
        try (DynamoDbClient client = clients.dynamoDb(AwsClients.session(vended))) {
            assertThat(client.query(query -> query.tableName(TABLE).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("yellow#s1")))).items()).isNotEmpty();
            assertAccessDenied(() -> client.query(query -> query.tableName(TABLE).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("blue#s1")))));
        }
    }

    @Test
    void shouldRefuseExpiredCredentials() {
        try (DynamoDbClient shortLived = clients.dynamoDb(clients.tenant("yellow"))) {
            CLOCK.advance(Duration.ofSeconds(901));
            assertRefusedWith("ExpiredTokenException", () -> shortLived.getItem(get -> get.tableName(TABLE)
                    .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))));
        } finally {
            CLOCK.advance(Duration.ofSeconds(-901));
        }
    }

    @Test
    void shouldRefuseARequestTamperedWithAfterSigning() {
        try (DynamoDbClient tampered = DynamoDbClient.builder().endpointOverride(edge.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(clients.tenant("yellow"))
                .httpClient(new TamperingHttpClient("yellow#s1", "blue#s1")).build()) {
            assertRefusedWith("InvalidSignatureException", () -> tampered.getItem(get -> get.tableName(TABLE)
                    .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))));
        }
    }

    @Test
    void shouldRefuseAWrongSessionToken() {
        AwsSessionCredentials real = (AwsSessionCredentials) clients.tenant("yellow").resolveCredentials();
        AwsCredentialsProvider wrongToken = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                real.accessKeyId(), real.secretAccessKey(), real.sessionToken() + "x"));
        try (DynamoDbClient client = clients.dynamoDb(wrongToken)) {
            assertRefusedWith("UnrecognizedClientException", () -> client.getItem(get -> get.tableName(TABLE)
                    .key(key("yellow#s1", "2024-01-01T00:00:00Z#1"))));
        }
    }

    private static void assertAccessDenied(Executable call) {
        assertRefusedWith("AccessDeniedException", call);
    }

    private static void assertRefusedWith(String errorCode, Executable call) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk), "carrier", s(pk.split("#")[0] + "#ups"));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
