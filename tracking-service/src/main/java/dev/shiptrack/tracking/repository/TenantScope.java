package dev.shiptrack.tracking.repository;

import dev.shiptrack.tvm.tenant.TenantId;

/**
 * Whose data a repository call addresses (key prefix, index, object prefix) and whose vended credentials sign it.
 * The application always uses {@link #of(TenantId)}; the isolation tests build a mismatched scope to show that a
 * bug addressing another tenant's data is refused by IAM.
 */
public record TenantScope(TenantId dataOwner, TenantId credentialsOwner) {

    public static TenantScope of(TenantId tenant) {
        return new TenantScope(tenant, tenant);
    }

    /** The tenant id as it prefixes keys, index names and object keys. */
    public String prefix() {
        return dataOwner.value();
    }
}
