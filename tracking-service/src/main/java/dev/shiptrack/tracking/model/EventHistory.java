package dev.shiptrack.tracking.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A shipment's events, oldest first. */
@RegisterForReflection
public record EventHistory(String shipmentId, List<TrackingEvent> events) {
}
