package dev.shiptrack.localrun.repository;

import dev.shiptrack.backends.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL objects shipment-service expects and does not create itself: its login roles and database
 * (before it starts; its Flyway migration then creates the tables and policies as the owner), and the tenants
 * of the demo (after the migration).
 */
public final class ShipmentDatabase {

    public static final String DATABASE = "shipments";
    /** Owns the schema; runs the migration. */
    public static final String OWNER_ROLE = "shipment_owner";
    public static final String OWNER_PASSWORD = "shipment-owner-local";
    /** The application role of the pooled strategy: neither owner nor BYPASSRLS, so row-level security applies. */
    public static final String APP_ROLE = "shipment_app";
    public static final String APP_PASSWORD = "shipment-app-local";

    private final PostgresServer postgres;

    public ShipmentDatabase(PostgresServer postgres) {
        this.postgres = postgres;
    }

    /** Creates the roles and the database, or leaves them as they are when a kept data folder has them. */
    public void createRolesAndDatabase() throws SQLException {
        try (Connection connection = superuser("postgres"); Statement sql = connection.createStatement()) {
            sql.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN PASSWORD '%2$s';
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%3$s') THEN
                            CREATE ROLE %3$s LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '%4$s';
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shipment_tenant') THEN
                            CREATE ROLE shipment_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS;
                        END IF;
                    END
                    $$""".formatted(OWNER_ROLE, OWNER_PASSWORD, APP_ROLE, APP_PASSWORD));
            try (var exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
                }
            }
        }
    }

    /** yellow and blue active, green suspended; written as superuser, so row-level security does not apply. */
    public void registerDemoTenants() throws SQLException {
        try (Connection connection = superuser(DATABASE); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO tenants (tenant_id, status, tier) VALUES
                        ('yellow', 'active', 'gold'), ('blue', 'active', 'silver'), ('green', 'suspended', 'bronze')
                    ON CONFLICT (tenant_id) DO NOTHING""");
        }
    }

    /** The URL of the reactive client ({@code postgresql://host:port/shipments}). */
    public String reactiveUrl() {
        return "postgresql://" + postgres.host() + ":" + postgres.port() + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superuser(), postgres.superuserPassword());
    }
}
