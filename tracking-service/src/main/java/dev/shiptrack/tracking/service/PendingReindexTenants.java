package dev.shiptrack.tracking.service;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tvm.tenant.TenantId;

/**
 * Tenants whose outbox the re-indexer should drain. The service has no credentials to list tenants, so it learns
 * them: a failed indexing adds its tenant, and each tenant's first write after a start adds it once, which finds
 * entries left by an earlier process.
 */
@ApplicationScoped
public class PendingReindexTenants {

    private final Set<TenantId> pending = ConcurrentHashMap.newKeySet();
    private final Set<TenantId> seen = ConcurrentHashMap.newKeySet();

    void add(TenantId tenant) {
        seen.add(tenant);
        pending.add(tenant);
    }

    void noteActive(TenantId tenant) {
        if (seen.add(tenant)) {
            pending.add(tenant);
        }
    }

    void drained(TenantId tenant) {
        pending.remove(tenant);
    }

    public int count() {
        return pending.size();
    }

    List<TenantId> snapshot() {
        return List.copyOf(pending);
    }
}
