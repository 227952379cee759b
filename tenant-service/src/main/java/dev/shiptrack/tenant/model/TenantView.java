package dev.shiptrack.tenant.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.shiptrack.iam.StorageModel;

/**
 * A tenant as the API shows it.
 *
 * @param storage  {@code pool} or {@code silo}: where its tracking items live
 * @param movingTo the target of a storage move that runs or failed, absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantView(String id, String name, Tier tier, TenantStatus status, String storage, String movingTo,
                         String failedStep, String failedOperation, List<String> stepsDone, String adminUsername,
                         Instant createdAt, Instant updatedAt) {

    public static TenantView of(TenantRecord tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.tier(), tenant.status(), tenant.storage().value(),
                tenant.movingTo().map(StorageModel::value).orElse(null), tenant.failedStep().orElse(null),
                tenant.failedOperation().map(Enum::name).orElse(null), tenant.stepsDone(), tenant.adminUsername(),
                tenant.createdAt(), tenant.updatedAt());
    }
}
