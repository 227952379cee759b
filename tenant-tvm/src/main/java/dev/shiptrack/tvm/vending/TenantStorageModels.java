package dev.shiptrack.tvm.vending;

import java.util.Optional;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tvm.tenant.TenantId;

/** Where each tenant's items live, as the control plane last published it (the routes registry in a service). */
public interface TenantStorageModels {

    /** The tenant's storage model, empty while it is not known yet (never a guess). */
    Optional<StorageModel> storageOf(TenantId tenant);
}
