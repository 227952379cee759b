package dev.shiptrack.tracking.service;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tvm.tenant.TenantId;

import static org.assertj.core.api.Assertions.assertThat;

/** The re-indexer's list of tenants: a drain never forgets an event queued after it read the outbox. */
class PendingReindexTenantsTest {

    private static final TenantId YELLOW = new TenantId("yellow");

    private final PendingReindexTenants tenants = new PendingReindexTenants();

    @Test
    void shouldForgetATenantWhoseOutboxWasDrained() {
        tenants.add(YELLOW);

        tenants.drained(tenants.snapshot().get(0));

        assertThat(tenants.snapshot()).isEmpty();
    }

    @Test
    void shouldKeepATenantAddedAgainWhileItsOutboxWasBeingDrained() {
        tenants.add(YELLOW);
        PendingReindexTenants.Pending taken = tenants.snapshot().get(0);
        // An indexing failure queues another event after the re-indexer read the outbox.
        tenants.add(YELLOW);

        tenants.drained(taken);

        assertThat(tenants.snapshot()).extracting(PendingReindexTenants.Pending::tenant).containsExactly(YELLOW);
    }

    @Test
    void shouldAddATenantOnceForItsFirstWriteAfterAStart() {
        tenants.noteActive(YELLOW);
        tenants.drained(tenants.snapshot().get(0));
        tenants.noteActive(YELLOW);

        assertThat(tenants.snapshot()).isEmpty();
    }
}
