package dev.shiptrack.tvm.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the routes registry has been read once: before that, routed requests are answered 503 and every
 * tenant would be limited as basic. A later failed read keeps the service ready on the last snapshot (logged).
 */
@Readiness
@ApplicationScoped
public class RoutesRegistryReadiness implements HealthCheck {

    private final RoutesRegistry registry;

    RoutesRegistryReadiness(RoutesRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        if (!registry.inUse()) {
            return HealthCheckResponse.named("tenant-routes").up().withData("registry", "not used").build();
        }
        return registry.current()
                .map(routes -> HealthCheckResponse.named("tenant-routes").up()
                        .withData("hostnames", routes.tenantsByHost().size())
                        .withData("tenants", routes.tiersByTenant().size())
                        .withData("siloTenants", routes.siloTenants().size()).build())
                .orElseGet(() -> HealthCheckResponse.named("tenant-routes").down()
                        .withData("registry", "not read yet").build());
    }
}
