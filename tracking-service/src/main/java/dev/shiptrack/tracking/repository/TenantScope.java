package dev.shiptrack.tracking.repository;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantStorageModels;

/**
 * Whose data a repository call addresses (key prefix, table, index, object prefix) and whose vended credentials sign
 * it. The application always uses {@link #of(TenantId, TenantStorageModels)}; the isolation tests build a mismatched
 * scope to show that a bug addressing another tenant's data is refused by IAM.
 *
 * @param storage where the tenant's items live; it chooses the table and the session's {@code StorageModel} tag
 *                together, so the two agree even when the control plane moves the tenant between two requests
 */
public record TenantScope(TenantId dataOwner, TenantId credentialsOwner, StorageModel storage) {

    /**
     * The tenant's own scope, in the table its storage model names.
     *
     * @throws StoreUnavailableException while the storage model is not known (503, never a guess)
     */
    public static TenantScope of(TenantId tenant, TenantStorageModels storageModels) {
        StorageModel storage = storageModels.storageOf(tenant).orElseThrow(() -> new StoreUnavailableException(
                TrackingEventRepository.LAYER, "the tenant routes registry, which says which table holds the tenant's"
                + " items, has not been read yet"));
        return new TenantScope(tenant, tenant, storage);
    }

    /** The tenant id as it prefixes keys, index names and object keys. */
    public String prefix() {
        return dataOwner.value();
    }

    /** The DynamoDB table holding the data owner's items: the pooled table, or the owner's silo table. */
    public String table(String pooledTable) {
        return storage.table(pooledTable, prefix());
    }
}
