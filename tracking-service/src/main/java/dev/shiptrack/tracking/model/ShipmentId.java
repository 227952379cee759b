package dev.shiptrack.tracking.model;

import java.util.regex.Pattern;

import dev.shiptrack.tracking.service.InvalidInputException;

/** A shipment id: {@code [A-Za-z0-9-]{1,64}}. It has no {@code #}, so {@code <tenant>#<shipmentId>} stays unambiguous. */
public record ShipmentId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public ShipmentId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInputException("shipmentId must match [A-Za-z0-9-]{1,64}");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
