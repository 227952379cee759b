package dev.shiptrack.tracking.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to recording an event.
 *
 * @param indexed false when the event is stored but not yet searchable; the re-indexer picks it up
 */
@RegisterForReflection
public record RecordedEvent(TrackingEvent event, boolean indexed) {
}
