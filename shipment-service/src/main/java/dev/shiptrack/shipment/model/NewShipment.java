package dev.shiptrack.shipment.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /shipments}. The tenant is never part of it: it comes from the verified token. */
public record NewShipment(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "may contain letters, digits, '.', '_' and '-'") String orderReference,
        @NotNull @Valid Address origin,
        @NotNull @Valid Address destination,
        @NotBlank @Size(max = 64) String carrier,
        @NotNull @Valid Parcel parcel) {
}
