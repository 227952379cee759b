package dev.shiptrack.shipment.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A shipment as the API returns it; {@code tracking} is absent in lists. The tenant id is never echoed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
        UUID id,
        String orderReference,
        Address origin,
        Address destination,
        String carrier,
        Parcel parcel,
        OffsetDateTime createdAt,
        TrackingSummary tracking) {

    public static ShipmentView of(Shipment shipment, TrackingSummary tracking) {
        return new ShipmentView(shipment.id(), shipment.orderReference(), shipment.origin(), shipment.destination(),
                shipment.carrier(), shipment.parcel(), shipment.createdAt(), tracking);
    }
}
