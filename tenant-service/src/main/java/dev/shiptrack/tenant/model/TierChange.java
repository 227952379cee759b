package dev.shiptrack.tenant.model;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PATCH /tenants/{id}}: only the tier can change; any other field is refused (400). */
public record TierChange(@NotNull Tier tier) {
}
