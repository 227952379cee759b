package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.repository.PerTenantUserDatabase;
import dev.shiptrack.shipment.repository.IdempotencyKeyRepository;
import dev.shiptrack.shipment.repository.ShipmentRepository;
import dev.shiptrack.shipment.support.ApplicationBug;
import dev.shiptrack.shipment.support.Database;
import dev.shiptrack.shipment.support.PostgresResource;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Row-level security under the {@code per-tenant-user} strategy: the service logs in as the tenant's own role, the
 * policies compare with {@code current_user}, and a tenant role cannot widen its reach with {@code app.tenant_id}.
 */
@QuarkusTest
@TestProfile(PerTenantUserProfile.class)
@ExtendWith(TestTenants.class)
class PerTenantUserRowLevelSecurityTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");
    private static final String BLUE = TestTokens.forTenant("blue");

    @Inject
    PerTenantUserDatabase database;

    @Inject
    ShipmentRepository repository;

    @Inject
    IdempotencyKeyRepository keys;

    @BeforeEach
    void trackingServiceIsUp() {
        TrackingStub.up();
    }

    @Test
    void shouldRunAsTheTenantsOwnRole() {
        String user = database.inTenantTransaction("yellow", connection -> connection.query("select current_user")
                .execute().map(rows -> rows.iterator().next().getString(0))).await().indefinitely();

        assertThat(user).isEqualTo("yellow");
    }

    @Test
    void shouldReturnNothingWhenTheApplicationAsksForAnotherTenantsRows() {
        UUID blueShipment = Shipments.create(BLUE, Shipments.marker("blue"));

        ApplicationBug.assertBluesRowsInvisibleToYellow(database, repository, blueShipment);
    }

    @Test
    void shouldIgnoreTheTenantSettingForTenantRoles() {
        UUID blueShipment = Shipments.create(BLUE, Shipments.marker("blue"));

        long visible = database.inTenantTransaction("yellow", connection -> connection
                .preparedQuery("select set_config('app.tenant_id', $1, true)").execute(Tuple.of("blue"))
                .chain(() -> connection.preparedQuery("select count(*) from shipments where id = $1")
                        .execute(Tuple.of(blueShipment)))
                .map(rows -> rows.iterator().next().getLong(0))).await().indefinitely();

        assertThat(visible).isZero();
    }

    @Test
    void shouldKeepAnotherTenantsIdempotencyKeysOutOfReach() {
        String bluesKey = UUID.randomUUID().toString();
        Shipments.createWithKey(BLUE, Shipments.marker("blue"), bluesKey);

        ApplicationBug.assertBluesKeysOutOfYellowsReach(database, keys, bluesKey);
    }

    @Test
    void shouldRefuseWritingARowForAnotherTenant() throws SQLException {
        ApplicationBug.assertYellowCannotWriteForBlue(database, repository);
    }

    @Test
    void shouldGiveTenantRolesNoOtherPrivileges() throws SQLException {
        try (Connection yellow = Database.as("yellow", PostgresResource.TENANT_PASSWORD);
                Statement sql = yellow.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("delete from shipments")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            try (ResultSet tenants = sql.executeQuery("select tenant_id from tenants")) {
                assertThat(tenants.next()).isTrue();
                assertThat(tenants.getString(1)).isEqualTo("yellow");
                assertThat(tenants.next()).as("only its own tenant row").isFalse();
            }
        }
    }

    @Test
    void shouldRefuseTenantRoleWithWrongPassword() {
        assertThatThrownBy(() -> Database.as("yellow", "wrong").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void shouldKeepTenantPoolsBounded() {
        as(YELLOW).get("/shipments").then().statusCode(200);
        as(BLUE).get("/shipments").then().statusCode(200);
        as(TestTokens.forTenant("orange")).get("/shipments").then().statusCode(403);

        assertThat(database.openPools()).isLessThanOrEqualTo(2);
        as(YELLOW).get("/shipments").then().statusCode(200);
        as(BLUE).get("/shipments").then().statusCode(200);
    }

    @Test
    void shouldNotCarryAFailedRequestIntoTheTenantsNextOne() throws SQLException {
        String marker = Shipments.marker("yellow");
        TrackingStub.down();

        as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(marker)).post("/shipments")
                .then().statusCode(503);

        TrackingStub.up();
        as(YELLOW).get("/shipments?size=100").then().statusCode(200);
        assertThat(Database.countByOrderReference("ORD-" + marker)).isZero();
    }
}
