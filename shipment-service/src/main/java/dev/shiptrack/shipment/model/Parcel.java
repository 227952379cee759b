package dev.shiptrack.shipment.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Weight and outer dimensions of the parcel. */
public record Parcel(
        @NotNull @Positive @Max(70_000) Integer weightGrams,
        @NotNull @Positive @Max(300) Integer lengthCm,
        @NotNull @Positive @Max(300) Integer widthCm,
        @NotNull @Positive @Max(300) Integer heightCm) {
}
