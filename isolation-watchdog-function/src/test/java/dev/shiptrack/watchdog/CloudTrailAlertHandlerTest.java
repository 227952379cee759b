package dev.shiptrack.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.iam.isolation.IsolationAlert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The function against DynamoDB Local holding the status items as the control plane writes them, fed CloudTrail's
 * AssumeRole event as EventBridge delivers it; the SNS topic is the one collaborator replaced (a recording publisher).
 */
class CloudTrailAlertHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACKING_ACCESS_ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";
    private static final String SHIPMENT_ACCESS_ROLE = "arn:aws:iam::123456789012:role/ShipmentAccessRole";
    private static final String PROVISIONING_ROLE = "arn:aws:iam::123456789012:role/TenantProvisioningRole";
    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/TrackingServiceRole/tracking-service";
    private static final WatchdogSettings SETTINGS = new WatchdogSettings(
            Set.of(TRACKING_ACCESS_ROLE, SHIPMENT_ACCESS_ROLE), TrackingStores.TABLE, "arn:aws:sns:us-east-1:123456789012:alerts");

    private static DynamoDbLocalServer dynamoDbLocal;
    private static DynamoDbClient dynamoDb;

    private final List<String> published = new ArrayList<>();
    private CloudTrailAlertHandler handler;

    @BeforeAll
    static void statusItems() {
        dynamoDbLocal = DynamoDbLocalServer.start(null, FreePorts.next());
        dynamoDb = client(dynamoDbLocal.endpoint());
        TrackingStores stores = new TrackingStores(dynamoDbLocal.endpoint(), "watchdog", "watchdog");
        stores.createPooledTableIfMissing();
        stores.createSiloTableIfMissing("vault");
        status(TrackingStores.TABLE, "yellow", "ACTIVE");
        status(TrackingStores.TABLE, "sleepy", "SUSPENDED");
        status(TenantDataLayout.siloTable(TrackingStores.TABLE, "vault"), "vault", "ACTIVE");
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        dynamoDbLocal.close();
    }

    @BeforeEach
    void handler() {
        handler = new CloudTrailAlertHandler(SETTINGS, new DynamoDbTenantStatuses(dynamoDb, TrackingStores.TABLE),
                (alert, line) -> published.add(line));
    }

    @Test
    void shouldRaiseNothingForASessionOfAnActiveTenant() throws IOException {
        handler.handleRequest(assumeRole(TRACKING_ACCESS_ROLE, "yellow"), new ByteArrayOutputStream(), null);

        assertThat(published).isEmpty();
    }

    @Test
    void shouldAlertOnASessionGrantedToASuspendedTenant() throws IOException {
        handler.handleRequest(assumeRole(SHIPMENT_ACCESS_ROLE, "sleepy"), new ByteArrayOutputStream(), null);

        assertThat(published).containsExactly(IsolationAlert.TENANT_NOT_ACTIVE.line(CALLER, "sleepy",
                "sts:AssumeRole", SHIPMENT_ACCESS_ROLE, "status SUSPENDED"));
    }

    @Test
    void shouldAlertOnASessionGrantedToATenantWithoutStatus() throws IOException {
        handler.handleRequest(assumeRole(TRACKING_ACCESS_ROLE, "ghost"), new ByteArrayOutputStream(), null);

        assertThat(published).singleElement().asString()
                .startsWith("isolation.tenant-not-active ").endsWith("tenant=ghost action=sts:AssumeRole resource="
                        + TRACKING_ACCESS_ROLE + ": no such tenant");
    }

    @Test
    void shouldReadASiloTenantsStatusFromItsSiloTable() throws IOException {
        handler.handleRequest(assumeRole(TRACKING_ACCESS_ROLE, "vault"), new ByteArrayOutputStream(), null);

        assertThat(published).as("vault is ACTIVE in its silo and has no status in the pooled table").isEmpty();
    }

    /** A session tag may hold characters no table name can: such a tenant has no silo, and no status either. */
    @Test
    void shouldAlertOnATenantTagThatCannotNameATable() throws IOException {
        handler.handleRequest(assumeRole(TRACKING_ACCESS_ROLE, "yellow/../blue"), new ByteArrayOutputStream(), null);

        assertThat(published).singleElement().asString().contains("tenant=yellow/../blue").endsWith(": no such tenant");
    }

    @Test
    void shouldAlertOnASessionWithoutTenantTag() throws IOException {
        ObjectNode event = event(TRACKING_ACCESS_ROLE, "yellow");
        ((ObjectNode) event.path("detail").path("requestParameters")).remove("tags");

        handler.handleRequest(stream(event), new ByteArrayOutputStream(), null);

        assertThat(published).singleElement().asString().startsWith("isolation.session-without-tenant principal="
                + CALLER + " tenant=null");
    }

    @Test
    void shouldIgnoreAnAssumeRoleTheTrustPolicyRefused() throws IOException {
        ObjectNode event = event(TRACKING_ACCESS_ROLE, "sleepy");
        ((ObjectNode) event.path("detail")).put("errorCode", "AccessDenied");

        handler.handleRequest(stream(event), new ByteArrayOutputStream(), null);

        assertThat(published).as("no session was granted").isEmpty();
    }

    @Test
    void shouldNotJudgeTheStatusOnTheProvisioningRole() throws IOException {
        handler.handleRequest(assumeRole(PROVISIONING_ROLE, "newcomer"), new ByteArrayOutputStream(), null);

        assertThat(published).as("the control plane provisions tenants before they are ACTIVE").isEmpty();
    }

    @Test
    void shouldIgnoreOtherEvents() throws IOException {
        ObjectNode event = event(TRACKING_ACCESS_ROLE, "sleepy");
        ((ObjectNode) event.path("detail")).put("eventName", "GetCallerIdentity");

        handler.handleRequest(stream(event), new ByteArrayOutputStream(), null);

        assertThat(published).isEmpty();
    }

    /** Failing the invocation makes Lambda retry the event; an alert is never dropped for an unread status. */
    @Test
    void shouldFailTheInvocationWhenTheStatusCannotBeRead() {
        try (DynamoDbClient unreachable = client(URI.create("http://127.0.0.1:" + FreePorts.next()))) {
            CloudTrailAlertHandler blind = new CloudTrailAlertHandler(SETTINGS,
                    new DynamoDbTenantStatuses(unreachable, TrackingStores.TABLE), (alert, line) -> published.add(line));

            assertThatThrownBy(() -> blind.handleRequest(assumeRole(TRACKING_ACCESS_ROLE, "sleepy"),
                    new ByteArrayOutputStream(), null))
                    .isInstanceOf(IOException.class).hasMessageContaining("status of tenant sleepy");
        }
        assertThat(published).isEmpty();
    }

    @Test
    void shouldFailTheInvocationWhenTheAlertCannotBePublished() {
        CloudTrailAlertHandler muted = new CloudTrailAlertHandler(SETTINGS,
                new DynamoDbTenantStatuses(dynamoDb, TrackingStores.TABLE), (alert, line) -> {
                    throw new IOException("topic unreachable");
                });

        assertThatThrownBy(() -> muted.handleRequest(assumeRole(TRACKING_ACCESS_ROLE, "sleepy"),
                new ByteArrayOutputStream(), null)).hasMessage("topic unreachable");
    }

    private static InputStream assumeRole(String role, String tenant) throws IOException {
        return stream(event(role, tenant));
    }

    /** The sample event (src/test/resources) for this role and TenantID tag. */
    private static ObjectNode event(String role, String tenant) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(CloudTrailAlertHandlerTest.class
                .getResourceAsStream("/assume-role-event.json"));
        ObjectNode request = (ObjectNode) event.path("detail").path("requestParameters");
        request.put("roleArn", role);
        ArrayNode tags = (ArrayNode) request.path("tags");
        ((ObjectNode) tags.get(0)).put("value", tenant);
        return event;
    }

    private static InputStream stream(ObjectNode event) throws IOException {
        return new ByteArrayInputStream(JSON.writeValueAsBytes(event));
    }

    private static void status(String table, String tenant, String status) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant)),
                TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY),
                TenantDataLayout.STATUS_ATTRIBUTE, AttributeValue.fromS(status))));
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("watchdog", "watchdog")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
