package dev.shiptrack.tracking.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to storing a delivery document. */
@RegisterForReflection
public record StoredDocument(String shipmentId, String name, String contentType, long size) {
}
