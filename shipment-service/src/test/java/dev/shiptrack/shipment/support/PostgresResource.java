package dev.shiptrack.shipment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded binaries) on a free port of 127.0.0.1, prepared the way provisioning would: the
 * application role and one login role per tenant, members of {@code shipment_tenant}. The schema itself is created
 * by the service's Flyway migration, run as the superuser; test tenants come from {@code db/test-data}.
 * Only the superuser may log in without a password, so the tenant roles' local password is really checked.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "shipments";
    public static final String APP_PASSWORD = "app-secret";
    public static final String TENANT_PASSWORD = "tenant-secret";
    /** Tenants with a database role; their rows in {@code tenants} come from db/test-data. */
    public static final List<String> TENANT_ROLES = List.of("yellow", "blue", "orange", "purple");

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(dataDirectory -> writeHostBasedAuthentication(dataDirectory.toPath()))
                    .start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("create database " + DATABASE);
                sql.execute("create role shipment_app login password '" + APP_PASSWORD + "'");
                sql.execute("create role shipment_tenant nologin");
                for (String tenant : TENANT_ROLES) {
                    sql.execute("create role " + SqlIdentifiers.quote(tenant) + " login password '" + TENANT_PASSWORD
                            + "' in role shipment_tenant");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String hostPort = "127.0.0.1:" + postgres.getPort();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + DATABASE,
                "quarkus.datasource.username", "shipment_app",
                "quarkus.datasource.password", APP_PASSWORD,
                "quarkus.datasource.migration.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + DATABASE,
                "quarkus.datasource.migration.username", "postgres",
                "quarkus.datasource.migration.password", "",
                "shipment.database.per-tenant-user.local-password", TENANT_PASSWORD);
    }

    private static void writeHostBasedAuthentication(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    local all postgres trust
                    host  all postgres 127.0.0.1/32 trust
                    host  all all      127.0.0.1/32 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
