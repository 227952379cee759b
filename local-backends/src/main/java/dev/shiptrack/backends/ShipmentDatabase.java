package dev.shiptrack.backends;

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
 * The PostgreSQL objects the services expect and do not create themselves: their login roles, the database and the
 * control plane's schema (before they start; shipment-service's Flyway migration then creates the tables and
 * policies as the owner, tenant-service's its registry). Tenants are onboarded through tenant-service. Connects as
 * a superuser.
 */
public final class ShipmentDatabase {

    public static final String DATABASE = "shipments";
    /** Owns the schema and runs the migration. */
    public static final String OWNER_ROLE = "shipment_owner";
    public static final String OWNER_PASSWORD = "shipment-owner-local";
    /** The application role of the pooled strategy. */
    public static final String APP_ROLE = "shipment_app";
    public static final String APP_PASSWORD = "shipment-app-local";
    /** tenant-service's role: tenant rows, tenant roles, its own schema. */
    public static final String PROVISIONER_ROLE = "tenant_provisioner";
    public static final String PROVISIONER_PASSWORD = "tenant-provisioner-local";
    /** Password of the tenant roles tenant-service creates (shipment-service's per-tenant-user strategy, locally). */
    public static final String TENANT_ROLE_PASSWORD = "tenant-local";

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

    /** Creates the roles, the database and the control plane's schema, or leaves them as a kept data folder has them. */
    public void createRolesAndDatabase() throws SQLException {
        try (Connection connection = superuser("postgres"); Statement sql = connection.createStatement()) {
            sql.execute(rolesScript());
            try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
                }
            }
        }
        // Once more inside the database: the script creates the control plane's schema there.
        try (Connection connection = superuser(DATABASE); Statement sql = connection.createStatement()) {
            sql.execute(rolesScript());
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
