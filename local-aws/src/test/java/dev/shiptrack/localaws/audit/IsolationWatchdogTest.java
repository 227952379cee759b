package dev.shiptrack.localaws.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.iam.isolation.IsolationAlert;
import dev.shiptrack.localaws.LocalAwsEdge;
import dev.shiptrack.localaws.audit.IsolationWatchdog.Raised;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * The watchdog on a real edge in front of DynamoDB Local, with tenant statuses as the control plane writes them:
 * each thing that must never happen raises its alert within 5 s, and the normal traffic of an ACTIVE tenant none.
 */
class IsolationWatchdogTest {

    private static final String TABLE = "TrackingData";
    private static final String TRACKING_ACCESS_ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static DynamoDbLocalServer dynamoDbLocal;
    private static LocalAwsEdge edge;
    private static IsolationWatchdog watchdog;

    @BeforeAll
    static void start() {
        dynamoDbLocal = DynamoDbLocalServer.start(null, FreePorts.next());
        edge = LocalAwsEdge.builder().withLocalDefaults().dynamoDb(dynamoDbLocal.endpoint())
                .isolationWatchdog(METERS).start();
        watchdog = edge.isolationWatchdog().orElseThrow();
        try (DynamoDbClient admin = dynamoDb(credentials(LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY))) {
            admin.createTable(table -> table.tableName(TABLE)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .billingMode("PAY_PER_REQUEST"));
            status(admin, "yellow", "ACTIVE");
            status(admin, "blue", "ACTIVE");
            status(admin, "orange", "SUSPENDED");
            // lime has a silo: its status item lives in its own table only.
            String limeSilo = TenantDataLayout.siloTable(TABLE, "lime");
            admin.createTable(table -> table.tableName(limeSilo)
                    .attributeDefinitions(attribute("pk"), attribute("sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .billingMode("PAY_PER_REQUEST"));
            status(admin, limeSilo, "lime", "SUSPENDED");
        }
    }

    @AfterAll
    static void stop() {
        edge.close();
        dynamoDbLocal.close();
    }

    private int alertsBefore;

    @BeforeEach
    void countAlerts() {
        alertsBefore = watchdog.raised().size();
    }

    @Test
    void shouldRaiseNothingForAnActiveTenantsOwnTraffic() throws Exception {
        try (DynamoDbClient yellow = dynamoDb(tenant("yellow"))) {
            yellow.putItem(put -> put.tableName(TABLE).item(Map.of("pk", s("yellow#SHP-1"), "sk", s("e1"))));
            yellow.getItem(get -> get.tableName(TABLE).key(Map.of("pk", s("yellow#SHP-1"), "sk", s("e1"))));
            yellow.query(query -> query.tableName(TABLE).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("yellow#SHP-1"))));
        }
        // A marker alert after the traffic: the inspector takes decisions in order, so once the marker is raised
        // every decision of the traffic has been inspected.
        try (StsClient sts = sts()) {
            sts.assumeRole(AssumeRoleRequest.builder().roleArn(TRACKING_ACCESS_ROLE).roleSessionName("marker")
                    .durationSeconds(900).build());
        }
        awaitAlert(IsolationAlert.SESSION_WITHOUT_TENANT);

        assertThat(newAlerts()).extracting(Raised::alert).containsExactly(IsolationAlert.SESSION_WITHOUT_TENANT);
    }

    @Test
    void shouldAlertOnAnAccessRoleSessionWithoutATenantTag() throws Exception {
        try (StsClient sts = sts()) {
            sts.assumeRole(AssumeRoleRequest.builder().roleArn(TRACKING_ACCESS_ROLE).roleSessionName("untagged")
                    .durationSeconds(900).build());
        }

        Raised alert = awaitAlert(IsolationAlert.SESSION_WITHOUT_TENANT);
        assertThat(alert.resource()).isEqualTo(TRACKING_ACCESS_ROLE);
        assertThat(newAlerts()).as("one alert for the AssumeRole's two decisions").hasSize(1);
    }

    @Test
    void shouldAlertOnATenantThatDoesNotExist() throws Exception {
        tenant("ghost");

        assertThat(awaitAlert(IsolationAlert.TENANT_NOT_ACTIVE).tenant()).isEqualTo("ghost");
        assertThat(awaitAlert(IsolationAlert.TENANT_NOT_ACTIVE).detail()).isEqualTo("no such tenant");
    }

    /** orange is pooled; lime has a silo, so its status is found in its own table only. */
    @ParameterizedTest
    @ValueSource(strings = {"orange", "lime"})
    void shouldAlertOnASuspendedTenantWhereverItsStatusLives(String suspended) throws Exception {
        tenant(suspended);

        Raised alert = awaitAlert(IsolationAlert.TENANT_NOT_ACTIVE);
        assertThat(alert.tenant()).isEqualTo(suspended);
        assertThat(alert.detail()).isEqualTo("status SUSPENDED");
    }


    @Test
    void shouldAlertOnATenantSessionReachingForAnotherTenantsPartition() throws Exception {
        try (DynamoDbClient yellow = dynamoDb(tenant("yellow"))) {
            assertThatThrownBy(() -> yellow.getItem(get -> get.tableName(TABLE)
                    .key(Map.of("pk", s("blue#SHP-1"), "sk", s("e1"))))).isInstanceOf(DynamoDbException.class);
        }

        Raised alert = awaitAlert(IsolationAlert.TENANT_SESSION_DENIED);
        assertThat(alert.tenant()).isEqualTo("yellow");
        assertThat(alert.action()).isEqualTo("dynamodb:GetItem");
        assertThat(METERS.counter(IsolationWatchdog.COUNTER, "alert", IsolationAlert.TENANT_SESSION_DENIED.event())
                .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldAlertOnABurstOfDenialsFromOneSession() throws Exception {
        try (DynamoDbClient yellow = dynamoDb(tenant("yellow"))) {
            for (int i = 0; i < 5; i++) {
                String key = "blue#SHP-" + i;
                assertThatThrownBy(() -> yellow.getItem(get -> get.tableName(TABLE)
                        .key(Map.of("pk", s(key), "sk", s("e1"))))).isInstanceOf(DynamoDbException.class);
            }
        }

        Raised burst = awaitAlert(IsolationAlert.DENIAL_BURST);
        assertThat(burst.principal()).endsWith("/tenant-yellow");
        assertThat(newAlerts()).filteredOn(alert -> alert.alert() == IsolationAlert.DENIAL_BURST).hasSize(1);
    }

    private List<Raised> newAlerts() {
        List<Raised> all = watchdog.raised();
        return all.subList(alertsBefore, all.size());
    }

    private Raised awaitAlert(IsolationAlert expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(deadline)) {
            for (Raised alert : newAlerts()) {
                if (alert.alert() == expected) {
                    return alert;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(expected.event() + " not raised within " + WITHIN + "; raised: " + newAlerts());
    }

    private static AwsCredentialsProvider tenant(String tenant) {
        try (StsClient sts = sts()) {
            Credentials issued = sts.assumeRole(AssumeRoleRequest.builder().roleArn(TRACKING_ACCESS_ROLE)
                    .roleSessionName("tenant-" + tenant).durationSeconds(900)
                    .tags(Tag.builder().key("TenantID").value(tenant).build(),
                            Tag.builder().key("StorageModel").value("pool").build()).build()).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(issued.accessKeyId(),
                    issued.secretAccessKey(), issued.sessionToken()));
        }
    }

    private static StsClient sts() {
        return StsClient.builder().endpointOverride(edge.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials(LocalAwsEdge.TRACKING_SERVICE_ACCESS_KEY,
                        LocalAwsEdge.TRACKING_SERVICE_SECRET_KEY))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static DynamoDbClient dynamoDb(AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder().endpointOverride(edge.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static void status(DynamoDbClient admin, String tenant, String status) {
        status(admin, TABLE, tenant, status);
    }

    private static void status(DynamoDbClient admin, String table, String tenant, String status) {
        admin.putItem(put -> put.tableName(table).item(Map.of(
                TenantDataLayout.PARTITION_KEY, s(TenantDataLayout.statusPartitionKey(tenant)),
                TenantDataLayout.SORT_KEY, s(TenantDataLayout.STATUS_SORT_KEY),
                TenantDataLayout.STATUS_ATTRIBUTE, s(status))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name)
                .attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name)
                .keyType(type).build();
    }
}
