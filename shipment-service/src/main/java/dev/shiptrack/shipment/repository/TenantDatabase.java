package dev.shiptrack.shipment.repository;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Runs database work in a transaction in which PostgreSQL's row-level security sees exactly one tenant. The
 * implementation is chosen by {@code shipment.database.strategy}.
 */
public interface TenantDatabase {

    /**
     * Runs {@code work} in one transaction scoped to {@code tenantId}; commits when the returned {@link Uni}
     * succeeds and rolls back when it fails. Failures PostgreSQL raises for isolation reasons arrive as
     * {@link RowLevelSecurityRefusedException} or {@link TenantDatabaseLoginRefusedException}.
     */
    <T> Uni<T> inTenantTransaction(String tenantId, Function<SqlConnection, Uni<T>> work);
}
