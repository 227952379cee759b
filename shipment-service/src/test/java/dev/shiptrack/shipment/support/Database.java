package dev.shiptrack.shipment.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.eclipse.microprofile.config.ConfigProvider;

/** Direct JDBC access to the test database, for looking behind the service's back. */
public final class Database {

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

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.migration.jdbc.url", String.class);
    }
}
