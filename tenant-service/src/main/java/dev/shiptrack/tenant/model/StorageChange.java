package dev.shiptrack.tenant.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.shiptrack.iam.StorageModel;

/** The body of {@code PUT /tenants/{id}/storage}: the storage model to move the tenant's items to. */
public record StorageChange(@NotNull @Pattern(regexp = MODELS, message = MODELS_MESSAGE) String model) {

    /** The storage models as the API spells them ({@link StorageModel#value()}). */
    public static final String MODELS = "pool|silo";
    static final String MODELS_MESSAGE = "must be pool or silo";

    public StorageModel target() {
        return StorageModel.parse(model).orElseThrow();
    }
}
