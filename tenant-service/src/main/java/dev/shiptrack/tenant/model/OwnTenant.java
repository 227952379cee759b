package dev.shiptrack.tenant.model;

/**
 * A tenant as its own users see it: who they work for, no operator detail (steps, first user, failures).
 *
 * @param storage {@code pool} or {@code silo}
 */
public record OwnTenant(String id, String name, Tier tier, TenantStatus status, String storage) {

    public static OwnTenant of(TenantView tenant) {
        return new OwnTenant(tenant.id(), tenant.name(), tenant.tier(), tenant.status(), tenant.storage());
    }
}
