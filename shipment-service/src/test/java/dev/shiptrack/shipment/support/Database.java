package dev.shiptrack.shipment.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.shiptrack.backends.PausedProcess;

/** Direct JDBC access to the test database, for looking behind the service's back. */
public final class Database {

    /** Set by {@link PostgresResource}: a system property, so the *IT suites (no application config) read it too. */
    static final String JDBC_URL_PROPERTY = "test.postgres.jdbc-url";
    /** Set by {@link PostgresResource}: the postmaster's process id. */
    static final String POSTMASTER_PID_PROPERTY = "test.postgres.postmaster-pid";

    private Database() {
    }

    /** A connection as the superuser, which row-level security does not apply to. */
    public static Connection asSuperuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** A connection as {@code role} with {@code password}. */
    public static Connection as(String role, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, password);
    }

    /** Rows with this order reference, whichever tenant owns them. */
    public static long countByOrderReference(String orderReference) throws SQLException {
        try (Connection connection = asSuperuser();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from shipments where order_reference = ?")) {
            query.setString(1, orderReference);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Stops PostgreSQL (SIGSTOP to the postmaster and its backends) until the returned handle is closed. */
    public static PausedProcess hang() {
        return PausedProcess.pause(Long.parseLong(System.getProperty(POSTMASTER_PID_PROPERTY)));
    }

    private static String jdbcUrl() {
        return System.getProperty(JDBC_URL_PROPERTY);
    }
}
