package dev.shiptrack.tvm.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.shiptrack.iam.StorageModel;

/**
 * One snapshot of the routes registry: hostnames (exact, or {@code *.<domain>} matching exactly one more label) to
 * tenants, and tenants to tiers and storage models. Lookups are map reads, so routing costs nothing measurable per request.
 *
 * @param tenantsByHost hostname, lowercase, to tenant id
 * @param tiersByTenant tenant id to {@code basic}, {@code standard} or {@code premium}
 * @param siloTenants   the tenants whose items live in a silo table of their own
 */
public record TenantRoutes(Map<String, String> tenantsByHost, Map<String, String> tiersByTenant,
                           Set<String> siloTenants) {

    public TenantRoutes {
        tenantsByHost = Map.copyOf(tenantsByHost);
        tiersByTenant = Map.copyOf(tiersByTenant);
        siloTenants = Set.copyOf(siloTenants);
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

    /** Where the tenant's items live: {@code silo} only when its routes item says so. */
    public StorageModel storageOf(String tenant) {
        return siloTenants.contains(tenant) ? StorageModel.SILO : StorageModel.POOL;
    }

    /** Hostnames compare without case and without the root's trailing dot. */
    public static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
