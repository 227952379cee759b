package dev.shiptrack.tracking.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Current status and estimated delivery of a shipment.
 *
 * @param estimatedDelivery      null when no estimate can be given (status EXCEPTION)
 * @param estimatedDeliveryLocal the estimate as local date-time and offset in the zone the caller asked for
 *                               (ISO-8601, e.g. {@code 2026-12-05T15:30:00+01:00}); absent when no zone was asked
 */
@RegisterForReflection
public record Eta(String shipmentId, TrackingStatus status, TrackingEvent lastEvent, Instant estimatedDelivery,
        @JsonInclude(JsonInclude.Include.NON_NULL) String estimatedDeliveryLocal, boolean delivered) {
}
