package dev.shiptrack.tracking.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tvm.tenant.TenantId;

/**
 * Tenants whose outbox the re-indexer should drain. The service has no credentials to list tenants, so it learns
 * them: a failed indexing adds its tenant, and each tenant's first write after a start adds it once, which finds
 * entries left by an earlier process. Each addition is numbered, so that a drain forgets the tenant only if nothing
 * added it again after the drain took it: an event queued while the re-indexer was reading the outbox is not left
 * behind.
 */
@ApplicationScoped
public class PendingReindexTenants {

    /** A pending tenant as the re-indexer takes it: the number of its latest addition. */
    record Pending(TenantId tenant, long addition) {
    }

    private final Map<TenantId, Long> pending = new ConcurrentHashMap<>();
    private final Set<TenantId> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong additions = new AtomicLong();

    void add(TenantId tenant) {
        seen.add(tenant);
        pending.put(tenant, additions.incrementAndGet());
    }

    void noteActive(TenantId tenant) {
        if (seen.add(tenant)) {
            pending.put(tenant, additions.incrementAndGet());
        }
    }

    /** Forgets the tenant, unless it was added again since {@link #snapshot()} took it. */
    void drained(Pending taken) {
        pending.remove(taken.tenant(), taken.addition());
    }

    public int count() {
        return pending.size();
    }

    List<Pending> snapshot() {
        return pending.entrySet().stream().map(entry -> new Pending(entry.getKey(), entry.getValue())).toList();
    }
}
