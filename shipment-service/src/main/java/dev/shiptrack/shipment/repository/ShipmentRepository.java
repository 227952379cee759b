package dev.shiptrack.shipment.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.shipment.model.Address;
import dev.shiptrack.shipment.model.Parcel;
import dev.shiptrack.shipment.model.Shipment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SQL for the {@code shipments} table. Every statement names the tenant explicitly (application check) and runs on
 * a connection from {@link TenantDatabase}, where row-level security enforces the same tenant again.
 */
@ApplicationScoped
public class ShipmentRepository {

    private static final String COLUMNS = "id, tenant_id, order_reference, origin_street, origin_city, "
            + "origin_postal_code, origin_country, destination_street, destination_city, destination_postal_code, "
            + "destination_country, carrier, weight_grams, length_cm, width_cm, height_cm, created_at";

    public Uni<Shipment> insert(SqlConnection connection, Shipment shipment) {
        Address origin = shipment.origin();
        Address destination = shipment.destination();
        Parcel parcel = shipment.parcel();
        Tuple values = Tuple.tuple()
                .addUUID(shipment.id())
                .addString(shipment.tenantId())
                .addString(shipment.orderReference())
                .addString(origin.street()).addString(origin.city()).addString(origin.postalCode())
                .addString(origin.country())
                .addString(destination.street()).addString(destination.city())
                .addString(destination.postalCode()).addString(destination.country())
                .addString(shipment.carrier())
                .addInteger(parcel.weightGrams()).addInteger(parcel.lengthCm()).addInteger(parcel.widthCm())
                .addInteger(parcel.heightCm())
                .addOffsetDateTime(shipment.createdAt());
        return connection.preparedQuery("insert into shipments (" + COLUMNS + ") values "
                        + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning " + COLUMNS)
                .execute(values)
                .map(rows -> toShipment(rows.iterator().next()));
    }

    public Uni<Optional<Shipment>> findById(SqlConnection connection, String tenantId, UUID id) {
        return connection.preparedQuery("select " + COLUMNS + " from shipments where id = $1 and tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toShipment(rows.iterator().next())) : Optional.empty());
    }

    /** One page of the tenant's shipments, newest first. */
    public Uni<List<Shipment>> list(SqlConnection connection, String tenantId, int page, int size) {
        return connection.preparedQuery("select " + COLUMNS + " from shipments where tenant_id = $1 "
                        + "order by created_at desc, id limit $2 offset $3")
                .execute(Tuple.of(tenantId, size, (long) page * size))
                .map(ShipmentRepository::toShipments);
    }

    public Uni<Long> count(SqlConnection connection, String tenantId) {
        return connection.preparedQuery("select count(*) from shipments where tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static List<Shipment> toShipments(RowSet<Row> rows) {
        List<Shipment> shipments = new ArrayList<>(rows.size());
        rows.forEach(row -> shipments.add(toShipment(row)));
        return shipments;
    }

    private static Shipment toShipment(Row row) {
        return new Shipment(
                row.getUUID("id"),
                row.getString("tenant_id"),
                row.getString("order_reference"),
                new Address(row.getString("origin_street"), row.getString("origin_city"),
                        row.getString("origin_postal_code"), row.getString("origin_country")),
                new Address(row.getString("destination_street"), row.getString("destination_city"),
                        row.getString("destination_postal_code"), row.getString("destination_country")),
                row.getString("carrier"),
                new Parcel(row.getInteger("weight_grams"), row.getInteger("length_cm"), row.getInteger("width_cm"),
                        row.getInteger("height_cm")),
                row.getOffsetDateTime("created_at"));
    }
}
