package dev.shiptrack.shipment.repository;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code pooled} strategy: one application role for all tenants. Each transaction first sets
 * {@code app.tenant_id} with {@code is_local = true}, so the setting ends with the transaction (commit or
 * rollback) and a pooled connection never carries it into another request. If setting it fails, the work never
 * runs and the transaction rolls back.
 */
@ApplicationScoped
@Typed(PooledTenantDatabase.class)
public class PooledTenantDatabase implements TenantDatabase {

    static final String SET_TENANT = "select set_config('app.tenant_id', $1, true)";

    private final Pool pool;

    public PooledTenantDatabase(Pool pool) {
        this.pool = pool;
    }

    @Override
    public <T> Uni<T> inTenantTransaction(String tenantId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery(SET_TENANT)
                        .execute(Tuple.of(tenantId))
                        .chain(rows -> {
                            String applied = rows.iterator().next().getString(0);
                            if (!tenantId.equals(applied)) {
                                return Uni.createFrom().failure(new IllegalStateException("app.tenant_id was not applied"));
                            }
                            return work.apply(connection);
                        }))
                .onFailure().transform(failure -> DatabaseErrors.translate(tenantId, failure));
    }
}
