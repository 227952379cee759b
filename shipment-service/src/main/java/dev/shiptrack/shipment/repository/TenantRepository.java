package dev.shiptrack.shipment.repository;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.shipment.model.TenantStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the {@code tenants} table; row-level security shows a tenant only its own row. */
@ApplicationScoped
public class TenantRepository {

    /** The tenant's status, empty when the tenant has no row (or row-level security hides it). */
    public Uni<Optional<TenantStatus>> findStatus(SqlConnection connection, String tenantId) {
        return connection.preparedQuery("select status from tenants where tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = iterator.next();
                    return Optional.of(TenantStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)));
                });
    }
}
