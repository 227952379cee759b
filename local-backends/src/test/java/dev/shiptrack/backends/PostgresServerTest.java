package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void shouldAnswerAQueryOverJdbcAndLeaveNoProcessBehind() throws SQLException {
        ProcessHandle postmaster;
        try (PostgresServer server = PostgresServer.start(null, 0);
                Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_user, version()")) {
            postmaster = server.process();
            assertThat(postmaster.isAlive()).isTrue();
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo(server.superuser());
            assertThat(result.getString(2)).startsWith("PostgreSQL 17");
            assertThat(NonLoopback.canConnect(server.port())).as("reachable from another interface").isFalse();
        }
        assertThat(postmaster.isAlive()).isFalse();
    }

    @Test
    void shouldKeepDataAcrossARestartWithTheSameDataDir(@TempDir Path dataDir) throws SQLException {
        try (PostgresServer server = PostgresServer.start(dataDir, 0);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute("create table tenants (tenant_id text primary key)");
            statement.execute("insert into tenants values ('yellow')");
        }
        try (PostgresServer server = PostgresServer.start(dataDir, 0);
                Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select tenant_id from tenants")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("yellow");
        }
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), server.superuserPassword());
    }
}
