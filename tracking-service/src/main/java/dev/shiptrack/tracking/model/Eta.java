package dev.shiptrack.tracking.model;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Current status and estimated delivery of a shipment.
 *
 * @param estimatedDelivery null when no estimate can be given (status EXCEPTION)
 */
@RegisterForReflection
public record Eta(String shipmentId, TrackingStatus status, TrackingEvent lastEvent, Instant estimatedDelivery,
        boolean delivered) {
}
