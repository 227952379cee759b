package dev.shiptrack.shipment.repository;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SQL for {@code shipment_idempotency_keys} (migration V3). Like {@link ShipmentRepository}, every statement names
 * the tenant and runs on a connection of {@link TenantDatabase}, where row-level security enforces it again.
 */
@ApplicationScoped
public class IdempotencyKeyRepository {

    /** What a key recorded: the fingerprint of its request and the shipment that request created. */
    public record PriorRequest(String fingerprint, UUID shipmentId) {
    }

    /**
     * Claims the key for a new shipment: inserts it, or takes over a key that has expired. While another
     * transaction holds the same key uncommitted, PostgreSQL makes this wait for it to end, so of two racing
     * retries one claims and the other then finds the committed key.
     *
     * @return true when claimed (create the shipment now, in this transaction); false when a live key exists
     */
    public Uni<Boolean> claim(SqlConnection connection, String tenantId, String key, String fingerprint,
            UUID shipmentId, OffsetDateTime now, OffsetDateTime expiresAt) {
        return connection.preparedQuery("""
                        insert into shipment_idempotency_keys
                            (tenant_id, idempotency_key, request_fingerprint, shipment_id, created_at, expires_at)
                        values ($1, $2, $3, $4, $5, $6)
                        on conflict (tenant_id, idempotency_key) do update
                            set request_fingerprint = excluded.request_fingerprint,
                                shipment_id = excluded.shipment_id,
                                created_at = excluded.created_at,
                                expires_at = excluded.expires_at
                            where shipment_idempotency_keys.expires_at <= excluded.created_at
                        returning shipment_id""")
                .execute(Tuple.of(tenantId, key, fingerprint, shipmentId, now, expiresAt))
                .map(rows -> rows.size() == 1);
    }

    public Uni<Optional<PriorRequest>> find(SqlConnection connection, String tenantId, String key) {
        return connection.preparedQuery("select request_fingerprint, shipment_id from shipment_idempotency_keys "
                        + "where tenant_id = $1 and idempotency_key = $2")
                .execute(Tuple.of(tenantId, key))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toPriorRequest(rows.iterator().next()))
                        : Optional.empty());
    }

    private static PriorRequest toPriorRequest(Row row) {
        return new PriorRequest(row.getString("request_fingerprint"), row.getUUID("shipment_id"));
    }
}
