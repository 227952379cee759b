package dev.shiptrack.tracking.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tracking.repository.ReindexOutboxRepository;
import dev.shiptrack.tracking.repository.TenantScope;
import dev.shiptrack.tracking.repository.TrackingSearchRepository;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantStorageModels;
import io.quarkus.scheduler.Scheduled;

/** Drains the re-index outboxes, each tenant with its own vended credentials. */
@ApplicationScoped
public class ReindexService {

    private static final Logger LOG = Logger.getLogger(ReindexService.class);

    private final PendingReindexTenants pendingTenants;
    private final ReindexOutboxRepository outbox;
    private final TrackingSearchRepository search;
    private final TrackingConfig config;
    private final TenantStorageModels storageModels;
    private final Clock clock = Clock.systemUTC();

    ReindexService(PendingReindexTenants pendingTenants, ReindexOutboxRepository outbox,
            TrackingSearchRepository search, TrackingConfig config, TenantStorageModels storageModels) {
        this.pendingTenants = pendingTenants;
        this.outbox = outbox;
        this.search = search;
        this.config = config;
        this.storageModels = storageModels;
    }

    @Scheduled(every = "${tracking.reindex.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reindexPending() {
        for (PendingReindexTenants.Pending tenant : pendingTenants.snapshot()) {
            try {
                reindex(tenant);
            } catch (RuntimeException e) {
                LOG.warnf("Re-indexing for tenant %s failed, will retry: %s", tenant.tenant().value(), e.getMessage());
            }
        }
    }

    private void reindex(PendingReindexTenants.Pending taken) {
        TenantId tenant = taken.tenant();
        TenantScope scope = TenantScope.of(tenant, storageModels);
        int batchSize = config.reindex().batchSize();
        List<TrackingEvent> pending = outbox.pending(scope, batchSize);
        for (TrackingEvent event : pending) {
            search.indexWithoutWaiting(scope, event);
            outbox.markDone(scope, event, clock.instant().plus(config.reindex().keepDone()));
        }
        if (pending.size() < batchSize) {
            pendingTenants.drained(taken);
        }
        if (!pending.isEmpty()) {
            LOG.infof("Re-indexed %d events for tenant %s", pending.size(), tenant.value());
        }
    }
}
