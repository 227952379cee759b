package dev.shiptrack.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.localaws.LocalAwsEdge;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the tests of the tenant API against {@link TenantBackendsResource} share: the operator's token (olivia) and
 * DynamoDB read and written with the account's admin key, bypassing IAM, to see what the service really stored.
 */
public abstract class TenantApiTest {

    protected static DynamoDbClient admin;
    private static String operatorToken;

    /** Before each test rather than all: an {@code *IT} suite's backends are started by then, and a start failure shows. */
    @BeforeEach
    void connect() throws Exception {
        if (admin != null) {
            return;
        }
        admin = DynamoDbClient.builder()
                .endpointOverride(TenantBackendsResource.edgeEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        operatorToken = new KeycloakTokens(TenantBackendsResource.keycloakEndpoint()).accessToken("olivia", "olivia");
    }

    @AfterAll
    static void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    protected static RequestSpecification operator() {
        return given().auth().oauth2(operatorToken);
    }

    /** Onboards the tenant with its first user; {@code extra} fields (such as {@code storage}) join the body. */
    protected static void onboard(String id, String tier, Map<String, String> extra) {
        postTenant(id, tier, extra).statusCode(201).body("status", equalTo("ACTIVE"));
    }

    /** {@code POST /tenants} with the body {@link #onboard} sends (the same body again is a retry). */
    protected static ValidatableResponse postTenant(String id, String tier, Map<String, String> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", id + " Ltd", "tier", tier,
                "admin", Map.of("username", id + "-admin", "email", "admin@" + id + ".example",
                        "password", id + "-password")));
        body.putAll(extra);
        return operator().contentType("application/json").body(body).post("/tenants").then();
    }

    protected static void onboard(String id, String tier) {
        onboard(id, tier, Map.of());
    }

    /** The routes item of that sort key, read with the admin key; empty when absent. */
    protected static Map<String, AttributeValue> route(String sortKey) {
        return admin.getItem(get -> get.tableName(TrackingStores.TABLE).consistentRead(true).key(Map.of(
                TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                TenantDataLayout.SORT_KEY, AttributeValue.fromS(sortKey)))).item();
    }

    /** Every item of the routes partition naming the tenant, whatever its kind. */
    protected static List<Map<String, AttributeValue>> routesOf(String tenant) {
        return admin.queryPaginator(query -> query.tableName(TrackingStores.TABLE).consistentRead(true)
                        .keyConditionExpression("pk = :routes")
                        .expressionAttributeValues(Map.of(":routes",
                                AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION))))
                .items().stream()
                .filter(item -> tenant.equals(item.get(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE).s()))
                .toList();
    }

    /** A registry row as a process that is still onboarding or offboarding the tenant leaves it. */
    protected static void registryRow(String tenant, String status) throws SQLException {
        try (Connection connection = TenantBackendsResource.registryConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO control_plane.tenant_registry"
                     + " (tenant_id, name, tier, status, fingerprint) VALUES (?, ?, 'basic', ?, 'test')")) {
            insert.setString(1, tenant);
            insert.setString(2, tenant + " Ltd");
            insert.setString(3, status);
            insert.executeUpdate();
        }
    }
}
