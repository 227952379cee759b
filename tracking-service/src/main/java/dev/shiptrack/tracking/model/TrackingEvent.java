package dev.shiptrack.tracking.model;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One recorded tracking event.
 *
 * @param eventId    unique id; also the tie-breaker of events at the same time and the OpenSearch document id
 * @param time       when it happened (millisecond precision)
 * @param recordedAt when the service stored it
 */
@RegisterForReflection
public record TrackingEvent(String eventId, String shipmentId, TrackingStatus status, String location, Instant time,
        String note, Instant recordedAt) {
}
