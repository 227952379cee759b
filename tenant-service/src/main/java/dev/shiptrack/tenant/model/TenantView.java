package dev.shiptrack.tenant.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A tenant as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantView(String id, String name, Tier tier, TenantStatus status, String failedStep,
                         String failedOperation, List<String> stepsDone, String adminUsername, Instant createdAt,
                         Instant updatedAt) {

    public static TenantView of(TenantRecord tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.tier(), tenant.status(),
                tenant.failedStep().orElse(null), tenant.failedOperation().map(Enum::name).orElse(null),
                tenant.stepsDone(), tenant.adminUsername(), tenant.createdAt(), tenant.updatedAt());
    }
}
