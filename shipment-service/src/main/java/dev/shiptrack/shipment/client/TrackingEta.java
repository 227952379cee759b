package dev.shiptrack.shipment.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Answer of {@code GET /tracking/{shipmentId}/eta}: current status, last event and estimated delivery. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackingEta(String status, TrackingEvent lastEvent, String estimatedDelivery) {
}
