package dev.shiptrack.tracking.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.repository.TenantScope;
import dev.shiptrack.tracking.repository.TenantStatusRepository;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantStorageModels;

/**
 * Lets a request through only for a tenant the control plane has ACTIVE, read from its status item and kept for
 * {@code tracking.tenant-status.cache-ttl}: a suspension reaches tracking-service within that time, without a
 * read on every request. A tenant without a status item (never onboarded, or erased) is refused: closed by default.
 */
@ApplicationScoped
public class ActiveTenants {

    private record Known(Optional<String> status, Instant until) {
    }

    private final TenantStatusRepository statuses;
    private final TrackingConfig config;
    private final Clock clock;
    private final TenantStorageModels storageModels;
    private final Map<TenantId, Known> known = new ConcurrentHashMap<>();

    ActiveTenants(TenantStatusRepository statuses, TrackingConfig config, Clock clock,
            TenantStorageModels storageModels) {
        this.statuses = statuses;
        this.config = config;
        this.clock = clock;
        this.storageModels = storageModels;
    }

    /**
     * The scope of the tenant's own data.
     *
     * @throws TenantNotActiveException when the tenant is not ACTIVE
     */
    public TenantScope scopeOf(TenantId tenant) {
        TenantScope scope = TenantScope.of(tenant, storageModels);
        Instant now = clock.instant();
        Known status = known.get(tenant);
        if (status == null || !now.isBefore(status.until())) {
            status = new Known(statuses.status(scope), now.plus(config.tenantStatus().cacheTtl()));
            if (known.size() >= config.tenantStatus().maxTenants()) {
                known.clear();
            }
            known.put(tenant, status);
        }
        if (!status.status().map(TenantDataLayout.ACTIVE::equals).orElse(false)) {
            throw new TenantNotActiveException(tenant, status.status());
        }
        return scope;
    }
}
