package dev.shiptrack.shipment.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import dev.shiptrack.backends.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL (local-backends' {@link PostgresServer}) on a free port of 127.0.0.1, prepared the way
 * provisioning would: the application role and one login role per tenant, members of {@code shipment_tenant}
 * (identifiers always quoted). The schema itself is created by the service's Flyway migration, run as the
 * superuser; the test tenants' rows are written by {@link TestTenants}. Host-based authentication is switched from trust to
 * scram-sha-256 for every role but the superuser, so the tenant roles' local password is really checked.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "shipments";
    public static final String APP_PASSWORD = "app-secret";
    public static final String TENANT_PASSWORD = "tenant-secret";
    /** Tenants with a database role; their rows in {@code tenants} are written by {@link TestTenants}. */
    public static final List<String> TENANT_ROLES = List.of("yellow", "blue", "orange", "purple");

    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        postgres = PostgresServer.start(null, 0);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.superuser(),
                postgres.superuserPassword());
                Statement sql = connection.createStatement()) {
            sql.execute("create database " + DATABASE);
            sql.execute("set password_encryption = 'scram-sha-256'");
            sql.execute("create role shipment_app login password '" + APP_PASSWORD + "'");
            sql.execute("create role shipment_tenant nologin");
            for (String tenant : TENANT_ROLES) {
                sql.execute("create role " + SqlIdentifiers.quote(tenant) + " login password '" + TENANT_PASSWORD
                        + "' in role shipment_tenant");
            }
            requirePasswordsExceptForSuperuser(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL could not be prepared", e);
        }
        System.setProperty(Database.JDBC_URL_PROPERTY, postgres.jdbcUrl(DATABASE));
        System.setProperty(Database.POSTMASTER_PID_PROPERTY, Long.toString(postgres.process().pid()));
        String hostPort = postgres.host() + ":" + postgres.port();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + DATABASE,
                "quarkus.datasource.username", "shipment_app",
                "quarkus.datasource.password", APP_PASSWORD,
                "quarkus.datasource.migration.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.migration.username", postgres.superuser(),
                "quarkus.datasource.migration.password", postgres.superuserPassword(),
                "shipment.database.per-tenant-user.local-password", TENANT_PASSWORD);
    }

    /** Rewrites pg_hba.conf through the superuser connection (COPY to the file PostgreSQL names) and reloads it. */
    private static void requirePasswordsExceptForSuperuser(Statement sql) throws SQLException {
        String hbaFile;
        try (ResultSet rows = sql.executeQuery("show hba_file")) {
            rows.next();
            hbaFile = rows.getString(1);
        }
        sql.execute("copy (values ('local all postgres trust'), ('host all postgres 127.0.0.1/32 trust'), "
                + "('host all all 127.0.0.1/32 scram-sha-256')) to '" + hbaFile.replace("'", "''") + "'");
        sql.execute("select pg_reload_conf()");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
