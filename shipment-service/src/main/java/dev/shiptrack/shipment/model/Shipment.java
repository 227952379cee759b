package dev.shiptrack.shipment.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored shipment of one tenant. */
public record Shipment(
        UUID id,
        String tenantId,
        String orderReference,
        Address origin,
        Address destination,
        String carrier,
        Parcel parcel,
        OffsetDateTime createdAt) {
}
