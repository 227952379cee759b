package dev.shiptrack.tracking.model;

/** A delivery document's content and media type. */
public record DeliveryDocument(String contentType, byte[] content) {
}
