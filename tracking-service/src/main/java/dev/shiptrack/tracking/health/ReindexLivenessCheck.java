package dev.shiptrack.tracking.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.shiptrack.tracking.service.PendingReindexTenants;

/** Alive while the process serves requests; reports how many tenants wait for re-indexing. */
@Liveness
@ApplicationScoped
public class ReindexLivenessCheck implements HealthCheck {

    private final PendingReindexTenants pendingTenants;

    ReindexLivenessCheck(PendingReindexTenants pendingTenants) {
        this.pendingTenants = pendingTenants;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tracking-service").up()
                .withData("tenantsAwaitingReindex", pendingTenants.count())
                .build();
    }
}
