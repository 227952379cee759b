package dev.shiptrack.tracking.model;

import java.util.Arrays;

import dev.shiptrack.tracking.service.InvalidInputException;

/** Where a shipment is in its journey. */
public enum TrackingStatus {
    LABEL_CREATED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    EXCEPTION;

    public static TrackingStatus parse(String value) {
        return Arrays.stream(values())
                .filter(status -> status.name().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("status must be one of " + Arrays.toString(values())));
    }
}
