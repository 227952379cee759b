package dev.shiptrack.tenant.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.shiptrack.iam.StorageModel;

/**
 * The body of {@code POST /tenants}: the client chooses the id, so a retried request is recognised.
 *
 * @param storage {@code pool} or {@code silo}; absent, the tier's default ({@link Tier#defaultStorage()})
 */
public record NewTenant(
        @NotNull @Pattern(regexp = "[a-z0-9]{3,32}", message = "must be 3 to 32 lowercase letters and digits") String id,
        @NotBlank @Size(max = 100) String name,
        @NotNull Tier tier,
        @NotNull @Valid AdminUser admin,
        @Pattern(regexp = StorageChange.MODELS, message = StorageChange.MODELS_MESSAGE) String storage) {

    /** The storage the tenant is onboarded with. */
    public StorageModel resolvedStorage() {
        return storage == null ? tier.defaultStorage() : StorageModel.parse(storage).orElseThrow();
    }
}
