package dev.shiptrack.tenant.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.shiptrack.iam.StorageModel;

/**
 * A row of the control plane's tenant registry. After offboarding it is a tombstone: the id, tier and status stay
 * (so the id is never reused), the name and the first user's details are erased.
 *
 * @param fingerprint       hash of the onboarding request without the password: the same body is the same tenant
 * @param failedStep        the step that stopped onboarding or offboarding, when {@code status} is FAILED
 * @param failedOperation   {@link Operation} that failed
 * @param stepsDone         steps completed by the current or last operation, in order
 * @param storage           where the tenant's tracking items live (the routes item says the same to the services)
 * @param movingTo          the target of a storage move that runs or failed
 * @param attempt           the request that claimed the running operation (or took it over), the only one that may
 *                          record its failure
 */
public record TenantRecord(String id, String name, Tier tier, TenantStatus status, String fingerprint,
                           Optional<String> failedStep, Optional<Operation> failedOperation, List<String> stepsDone,
                           String adminUsername, String adminEmail, Instant createdAt, Instant updatedAt,
                           StorageModel storage, Optional<StorageModel> movingTo, Optional<UUID> attempt) {

    /** The multi-step operations. */
    public enum Operation {
        ONBOARDING,
        OFFBOARDING,
        STORAGE_MOVE
    }
}
