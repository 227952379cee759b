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

    /**
     * A commit PostgreSQL acknowledged survives the server being killed right after it (SIGKILL of the whole tree,
     * as the system fault suite does): the acknowledgement comes after the commit's WAL was written, not before.
     */
    @Test
    void shouldKeepEveryAcknowledgedCommitWhenKilledRightAfter(@TempDir Path dataDir) throws SQLException {
        int commits = 300;
        try (PostgresServer server = PostgresServer.start(dataDir, 0)) {
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                statement.execute("create table acknowledged (n int primary key)");
                for (int n = 1; n <= commits; n++) {
                    statement.execute("insert into acknowledged values (" + n + ")");
                }
                PausedProcess.pause(server.process()).kill();
            }
        }
        try (PostgresServer server = PostgresServer.start(dataDir, 0);
                Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*), current_setting('synchronous_commit')"
                        + " from acknowledged")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).as("acknowledged commits found after the restart").isEqualTo(commits);
            assertThat(result.getString(2)).isEqualTo("on");
        }
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), server.superuserPassword());
    }
}
