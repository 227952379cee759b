package dev.shiptrack.localrun.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL objects shipment-service expects and does not create itself: its login roles and database
 * (before it starts; its Flyway migration then creates the tables and policies as the owner), and the tenants
 * of the demo (after the migration). Connects as a superuser.
 */
public final class ShipmentDatabase {

    public static final String DATABASE = "shipments";
    /** Owns the schema and runs the migration. */
    public static final String OWNER_ROLE = "shipment_owner";
    public static final String OWNER_PASSWORD = "shipment-owner-local";
    /** The application role of the pooled strategy. */
    public static final String APP_ROLE = "shipment_app";
    public static final String APP_PASSWORD = "shipment-app-local";

    private static final String ROLES_SCRIPT = "/local-run/shipment-roles.sql";

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;

    public ShipmentDatabase(String host, int port, String superuser, String superuserPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** Creates the roles and the database, or leaves them as they are when a kept data folder has them. */
    public void createRolesAndDatabase() throws SQLException {
        try (Connection connection = superuser("postgres"); Statement sql = connection.createStatement()) {
            sql.execute(rolesScript());
            try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
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

    /** The URL of shipment-service's reactive client. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    /** The JDBC URL of shipment-service's migration. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), superuser, superuserPassword);
    }

    private static String rolesScript() {
        try (InputStream in = ShipmentDatabase.class.getResourceAsStream(ROLES_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(ROLES_SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
