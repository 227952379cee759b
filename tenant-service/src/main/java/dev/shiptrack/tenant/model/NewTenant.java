package dev.shiptrack.tenant.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /tenants}: the client chooses the id, so a retried request is recognised. */
public record NewTenant(
        @NotNull @Pattern(regexp = "[a-z0-9]{3,32}", message = "must be 3 to 32 lowercase letters and digits") String id,
        @NotBlank @Size(max = 100) String name,
        @NotNull Tier tier,
        @NotNull @Valid AdminUser admin) {
}
