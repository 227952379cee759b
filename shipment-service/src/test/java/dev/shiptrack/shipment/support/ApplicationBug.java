package dev.shiptrack.shipment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.shiptrack.shipment.model.Address;
import dev.shiptrack.shipment.model.Parcel;
import dev.shiptrack.shipment.model.Shipment;
import dev.shiptrack.shipment.repository.IdempotencyKeyRepository;
import dev.shiptrack.shipment.repository.RowLevelSecurityRefusedException;
import dev.shiptrack.shipment.repository.ShipmentRepository;
import dev.shiptrack.shipment.repository.TenantDatabase;

/**
 * Simulates an application bug: the transaction is scoped to yellow, but the repository is asked for blue's rows.
 * Only row-level security stands between the bug and blue's data.
 */
public final class ApplicationBug {

    private ApplicationBug() {
    }

    /** Reads of blue's shipment inside yellow's transaction find nothing, while blue itself finds it. */
    public static void assertBluesRowsInvisibleToYellow(TenantDatabase database, ShipmentRepository repository,
            UUID blueShipment) {
        var found = database.inTenantTransaction("yellow", connection -> repository.findById(connection, "blue", blueShipment))
                .await().indefinitely();
        var listed = database.inTenantTransaction("yellow", connection -> repository.list(connection, "blue", 0, 100))
                .await().indefinitely();
        long counted = database.inTenantTransaction("yellow", connection -> repository.count(connection, "blue"))
                .await().indefinitely();

        assertThat(found).isEmpty();
        assertThat(listed).isEmpty();
        assertThat(counted).isZero();
        assertThat(database.inTenantTransaction("blue", connection -> repository.findById(connection, "blue", blueShipment))
                .await().indefinitely()).as("the row exists for its owner").isPresent();
    }

    /**
     * Blue's idempotency key, looked up or claimed inside yellow's transaction: the lookup finds nothing (blue itself
     * finds it), the claim is refused by PostgreSQL.
     */
    public static void assertBluesKeysOutOfYellowsReach(TenantDatabase database, IdempotencyKeyRepository keys,
            String bluesKey) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertThat(database.inTenantTransaction("yellow", connection -> keys.find(connection, "blue", bluesKey))
                .await().indefinitely()).isEmpty();
        assertThat(database.inTenantTransaction("blue", connection -> keys.find(connection, "blue", bluesKey))
                .await().indefinitely()).as("the key exists for its owner").isPresent();
        assertThatThrownBy(() -> database.inTenantTransaction("yellow", connection -> keys.claim(connection, "blue",
                        bluesKey, "forged", UUID.randomUUID(), now.plusDays(2), now.plusDays(3)))
                .await().indefinitely())
                .isInstanceOfSatisfying(RowLevelSecurityRefusedException.class,
                        refusal -> assertThat(refusal.resource()).isEqualTo("shipment_idempotency_keys"));
    }

    /** Writing a row of blue inside yellow's transaction is refused by PostgreSQL, and nothing is stored. */
    public static void assertYellowCannotWriteForBlue(TenantDatabase database, ShipmentRepository repository)
            throws SQLException {
        String marker = Shipments.marker("blue");
        Address address = new Address("1 Test Street", "Hamburg", "20095", "DE");
        Shipment forBlue = new Shipment(UUID.randomUUID(), "blue", "ORD-" + marker, address, address, "Carrier",
                new Parcel(100, 10, 10, 10), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));

        assertThatThrownBy(() -> database.inTenantTransaction("yellow", connection -> repository.insert(connection, forBlue))
                .await().indefinitely())
                .isInstanceOfSatisfying(RowLevelSecurityRefusedException.class, refusal -> {
                    assertThat(refusal.tenantId()).isEqualTo("yellow");
                    assertThat(refusal.resource()).isEqualTo("shipments");
                });
        assertThat(Database.countByOrderReference("ORD-" + marker)).isZero();
    }
}
