package dev.shiptrack.shipment.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.shiptrack.shipment.client.TrackingEta;
import dev.shiptrack.shipment.client.TrackingEvent;

/**
 * The tracking part of a shipment answer. When tracking-service cannot be asked, {@code available} is false and
 * the rest is empty: the shipment itself is still returned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackingSummary(boolean available, String status, TrackingEvent lastEvent, String estimatedDelivery) {

    public static TrackingSummary of(TrackingEta eta) {
        return new TrackingSummary(true, eta.status(), eta.lastEvent(), eta.estimatedDelivery());
    }

    public static TrackingSummary recorded(TrackingEvent event) {
        return new TrackingSummary(true, event.status(), event, null);
    }

    public static TrackingSummary unavailable() {
        return new TrackingSummary(false, null, null, null);
    }
}
