package dev.shiptrack.backends;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles and database of shipment-service, created on a real PostgreSQL as ./local-run does. */
class ShipmentDatabaseTest {

    @TempDir
    static Path dataDir;
    private static PostgresServer postgres;
    private static ShipmentDatabase database;

    @BeforeAll
    static void startPostgres() throws SQLException {
        postgres = PostgresServer.start(dataDir, 0);
        database = new ShipmentDatabase(postgres.host(), postgres.port(), postgres.superuser(),
                postgres.superuserPassword());
        database.createRolesAndDatabase();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void shouldCreateAnApplicationRoleThatRowLevelSecurityApplies() throws SQLException {
        try (Connection connection = superuser(); Statement sql = connection.createStatement();
             ResultSet role = sql.executeQuery(
                     "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'shipment_app'")) {
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean("rolsuper")).isFalse();
            assertThat(role.getBoolean("rolbypassrls")).isFalse();
            assertThat(role.getBoolean("rolcanlogin")).isTrue();
        }
    }

    @Test
    void shouldGiveTheDatabaseToTheSchemaOwner() throws SQLException {
        try (Connection connection = superuser(); Statement sql = connection.createStatement();
             ResultSet owner = sql.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'shipments'")) {
            assertThat(owner.next()).isTrue();
            assertThat(owner.getString(1)).isEqualTo(ShipmentDatabase.OWNER_ROLE);
        }
    }

    @Test
    void shouldLetTheApplicationRoleLogInWithItsLocalPassword() throws SQLException {
        try (Connection app = DriverManager.getConnection(database.jdbcUrl(), ShipmentDatabase.APP_ROLE,
                ShipmentDatabase.APP_PASSWORD)) {
            assertThat(app.isValid(5)).isTrue();
        }
    }

    @Test
    void shouldGiveTheControlPlaneItsSchemaAndTheRightToCreateTenantRolesButNotToActAsThem() throws SQLException {
        try (Connection provisioner = DriverManager.getConnection(database.jdbcUrl(), ShipmentDatabase.PROVISIONER_ROLE,
                ShipmentDatabase.PROVISIONER_PASSWORD); Statement sql = provisioner.createStatement()) {
            sql.execute("CREATE TABLE control_plane.probe (id int)");
            sql.execute("CREATE ROLE probetenant LOGIN IN ROLE shipment_tenant");
            try (ResultSet membership = sql.executeQuery("SELECT pg_has_role('tenant_provisioner', 'shipment_tenant', 'USAGE'),"
                    + " pg_has_role('probetenant', 'shipment_tenant', 'USAGE')")) {
                membership.next();
                assertThat(membership.getBoolean(1)).as("tenant_provisioner uses no tenant privileges").isFalse();
                assertThat(membership.getBoolean(2)).as("the new role is a tenant role").isTrue();
            }
            sql.execute("DROP ROLE probetenant");
            sql.execute("DROP TABLE control_plane.probe");
        }
    }

    @Test
    void shouldAcceptASecondStartOnTheSameData() throws SQLException {
        database.createRolesAndDatabase();

        try (Connection connection = superuser(); Statement sql = connection.createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'shipments'")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(1);
        }
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.superuser(), postgres.superuserPassword());
    }
}
