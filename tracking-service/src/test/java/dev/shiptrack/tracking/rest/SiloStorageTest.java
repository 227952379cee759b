package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.testsupport.RoutesReadiness;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A premium tenant in a silo (acme, whose routes item says {@code storage=silo}) through the real service, registry
 * and edge: its events go to {@code TrackingData-acme} and nowhere else, and the pooled tenants never meet them.
 */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class SiloStorageTest {

    private static final String ACME = TrackingBackendsResource.SILO_TENANT;
    private static final String ACME_TABLE = TenantDataLayout.siloTable(TrackingStores.TABLE, ACME);

    private final String shipment = "SHP-" + UUID.randomUUID();

    @BeforeEach
    void registryReadAtStart() {
        RoutesReadiness.assertRegistryRead();
    }

    @Test
    void shouldKeepASiloTenantsEventsInItsOwnTableOnly() {
        Response recorded = as(ACME).body(event("IN_TRANSIT", "Antwerp", Instant.now().minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS), "silo " + shipment)).post("/tracking/{id}/events", shipment);
        assertThat(recorded.statusCode()).as(recorded.asString()).isEqualTo(201);

        Response history = as(ACME).get("/tracking/{id}/events", shipment);
        assertThat(history.statusCode()).as(history.asString()).isEqualTo(200);
        assertThat(history.jsonPath().getList("events.location", String.class)).containsExactly("Antwerp");
        try (DynamoDbClient admin = TrackingBackendsResource.adminDynamoDb()) {
            assertThat(itemCount(admin, ACME_TABLE)).as("acme's partition in its silo table").isEqualTo(1);
            assertThat(itemCount(admin, TrackingStores.TABLE)).as("acme's partition in the pooled table").isZero();
        }
    }

    @Test
    void shouldNeverShowASiloTenantsEventsToAPooledTenant() {
        as(ACME).body(event("IN_TRANSIT", "Antwerp", Instant.now().truncatedTo(ChronoUnit.SECONDS), "acme's"))
                .post("/tracking/{id}/events", shipment).then().statusCode(201);

        Response yellows = as(YELLOW).get("/tracking/{id}/events", shipment);

        assertThat(yellows.statusCode()).as(yellows.asString()).isEqualTo(404);
        assertThat(yellows.asString()).doesNotContain("Antwerp");
    }

    @Test
    void shouldKeepAPooledTenantsEventsOutOfTheSiloTable() {
        as(YELLOW).body(event("IN_TRANSIT", "Ghent", Instant.now().truncatedTo(ChronoUnit.SECONDS), "yellow's"))
                .post("/tracking/{id}/events", shipment).then().statusCode(201);

        try (DynamoDbClient admin = TrackingBackendsResource.adminDynamoDb()) {
            assertThat(admin.scan(scan -> scan.tableName(ACME_TABLE)).items())
                    .allSatisfy(item -> assertThat(item.get(TenantDataLayout.PARTITION_KEY).s()).startsWith(ACME + "#"));
        }
        assertThat(as(ACME).get("/tracking/{id}/events", shipment).statusCode()).isEqualTo(404);
    }

    private int itemCount(DynamoDbClient admin, String table) {
        return admin.query(query -> query.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TenantDataLayout.PARTITION_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ACME + "#" + shipment)))).count();
    }
}
