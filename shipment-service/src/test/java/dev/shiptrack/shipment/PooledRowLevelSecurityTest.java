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

import dev.shiptrack.shipment.repository.PooledTenantDatabase;
import dev.shiptrack.shipment.repository.RowLevelSecurityRefusedException;
import dev.shiptrack.shipment.repository.IdempotencyKeyRepository;
import dev.shiptrack.shipment.repository.ShipmentRepository;
import dev.shiptrack.shipment.support.ApplicationBug;
import dev.shiptrack.shipment.support.Database;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Row-level security under the {@code pooled} strategy, checked below the application: the role's attributes, a
 * connection reused after a failed request (the test profile's pool has exactly one connection), and the
 * repository used with a wrong tenant, as an application bug would.
 */
@QuarkusTest
@ExtendWith(TestTenants.class)
class PooledRowLevelSecurityTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");
    private static final String BLUE = TestTokens.forTenant("blue");

    @Inject
    Pool applicationPool;

    @Inject
    PooledTenantDatabase database;

    @Inject
    ShipmentRepository repository;

    @Inject
    IdempotencyKeyRepository keys;

    @BeforeEach
    void trackingServiceIsUp() {
        TrackingStub.up();
    }

    @Test
    void shouldConnectAsRoleThatIsNeitherOwnerNorSuperuserNorBypassingRowLevelSecurity() throws SQLException {
        Row role = applicationPool.query("select current_user, rolsuper, rolbypassrls from pg_roles "
                + "where rolname = current_user").execute().await().indefinitely().iterator().next();
        assertThat(role.getString(0)).isEqualTo("shipment_app");
        assertThat(role.getBoolean(1)).as("superuser").isFalse();
        assertThat(role.getBoolean(2)).as("bypassrls").isFalse();

        try (Connection superuser = Database.asSuperuser(); Statement sql = superuser.createStatement();
                ResultSet tables = sql.executeQuery("select relname, pg_get_userbyid(relowner), relrowsecurity, "
                        + "relforcerowsecurity from pg_class where relname in ('shipments', 'tenants', 'shipment_idempotency_keys') order by relname")) {
            int count = 0;
            while (tables.next()) {
                count++;
                assertThat(tables.getString(2)).as("owner of " + tables.getString(1)).isNotEqualTo("shipment_app");
                assertThat(tables.getBoolean(3)).as("row security on " + tables.getString(1)).isTrue();
                assertThat(tables.getBoolean(4)).as("forced on " + tables.getString(1)).isTrue();
            }
            assertThat(count).isEqualTo(3);
        }
    }

    @Test
    void shouldSeeNoRowsWithoutTenantSetting() {
        Shipments.create(YELLOW, Shipments.marker("yellow"));

        long visible = applicationPool.query("select count(*) from shipments").execute().await().indefinitely()
                .iterator().next().getLong(0);
        long tenants = applicationPool.query("select count(*) from tenants").execute().await().indefinitely()
                .iterator().next().getLong(0);

        assertThat(visible).as("shipments visible without app.tenant_id").isZero();
        assertThat(tenants).as("tenants visible without app.tenant_id").isZero();
    }

    @Test
    void shouldNotCarryTheTenantIntoTheNextRequestAfterAFailedOne() throws SQLException {
        String marker = Shipments.marker("yellow");
        Row before = backendAndTenantSetting();
        TrackingStub.down();

        // The failed request set app.tenant_id=yellow and inserted a row before its transaction rolled back.
        as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(marker)).post("/shipments")
                .then().statusCode(503);

        Row after = backendAndTenantSetting();
        assertThat(after.getInteger(0)).as("the same pooled connection").isEqualTo(before.getInteger(0));
        assertThat(after.getString(1)).as("app.tenant_id after the failed request").isNullOrEmpty();
        assertThat(Database.countByOrderReference("ORD-" + marker)).isZero();

        TrackingStub.up();
        String bluePage = as(BLUE).get("/shipments?size=100").then().statusCode(200).extract().asString();
        Row afterBlue = backendAndTenantSetting();
        assertThat(afterBlue.getInteger(0)).isEqualTo(before.getInteger(0));
        assertThat(afterBlue.getString(1)).isNullOrEmpty();
        assertThat(bluePage).doesNotContain(marker);
    }

    @Test
    void shouldNotCarryTheTenantIntoTheNextRequestAfterASuccessfulOne() {
        UUID yellowShipment = Shipments.create(YELLOW, Shipments.marker("yellow"));

        assertThat(backendAndTenantSetting().getString(1)).isNullOrEmpty();
        as(BLUE).get("/shipments/" + yellowShipment).then().statusCode(404);
    }

    @Test
    void shouldReturnNothingWhenTheApplicationAsksForAnotherTenantsRows() {
        UUID blueShipment = Shipments.create(BLUE, Shipments.marker("blue"));

        ApplicationBug.assertBluesRowsInvisibleToYellow(database, repository, blueShipment);
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
    void shouldRefuseTheApplicationRoleDeletingRows() {
        UUID yellowShipment = Shipments.create(YELLOW, Shipments.marker("yellow"));

        assertThatThrownBy(() -> database.inTenantTransaction("yellow", connection -> connection
                .preparedQuery("delete from shipments where id = $1")
                .execute(Tuple.of(yellowShipment))).await().indefinitely())
                .isInstanceOf(RowLevelSecurityRefusedException.class);
    }

    private Row backendAndTenantSetting() {
        return applicationPool.query("select pg_backend_pid(), current_setting('app.tenant_id', true)")
                .execute().await().indefinitely().iterator().next();
    }
}
