package dev.shiptrack.tvm.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One snapshot of the routes registry: hostnames (exact, or {@code *.<domain>} matching exactly one more label) to
 * tenants, and tenants to tiers. Lookups are map reads, so routing costs nothing measurable per request.
 *
 * @param tenantsByHost hostname, lowercase, to tenant id
 * @param tiersByTenant tenant id to {@code basic}, {@code standard} or {@code premium}
 */
public record TenantRoutes(Map<String, String> tenantsByHost, Map<String, String> tiersByTenant) {

    public TenantRoutes {
        tenantsByHost = Map.copyOf(tenantsByHost);
        tiersByTenant = Map.copyOf(tiersByTenant);
    }

    /** The tenant the host belongs to: its exact entry first, then the wildcard of its parent domain. */
    public Optional<String> tenantOfHost(String host) {
        String name = normalise(host);
        String exact = tenantsByHost.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        int firstDot = name.indexOf('.');
        if (firstDot <= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenantsByHost.get("*" + name.substring(firstDot)));
    }

    /** The tenant's tier, empty when the registry does not list the tenant. */
    public Optional<String> tierOf(String tenant) {
        return Optional.ofNullable(tiersByTenant.get(tenant));
    }

    /** Hostnames compare without case and without the root's trailing dot. */
    public static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
