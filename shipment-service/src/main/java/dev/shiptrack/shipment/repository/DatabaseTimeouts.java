package dev.shiptrack.shipment.repository;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.shipment.config.ShipmentConfig;
import io.vertx.core.Handler;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/**
 * {@code shipment.database.timeouts} applied to a Vert.x pool: the default pool of the {@code pooled} strategy
 * ({@link BoundedPoolCreator}) and every tenant pool of {@link PerTenantUserDatabase}. Quarkus' reactive datasource
 * configuration has none of these three bounds.
 */
@ApplicationScoped
public class DatabaseTimeouts {

    private final ShipmentConfig.Timeouts timeouts;

    DatabaseTimeouts(ShipmentConfig config) {
        this.timeouts = config.database().timeouts();
    }

    PgConnectOptions bound(PgConnectOptions server) {
        return server.setConnectTimeout((int) timeouts.connect().toMillis());
    }

    PoolOptions bound(PoolOptions pool) {
        return pool.setConnectionTimeout((int) timeouts.acquire().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    /** The pool's connect handler: guards each new connection against unanswered statements. */
    Handler<SqlConnection> guardEachConnection() {
        return connection -> {
            UnansweredStatementGuard.install(connection, timeouts.answer());
            connection.close();
        };
    }
}
