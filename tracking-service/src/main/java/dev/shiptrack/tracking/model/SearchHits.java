package dev.shiptrack.tracking.model;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events of the caller's tenant matching a full-text query, best match first. */
@RegisterForReflection
public record SearchHits(List<TrackingEvent> events) {
}
