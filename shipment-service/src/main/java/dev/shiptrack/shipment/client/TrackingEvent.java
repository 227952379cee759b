package dev.shiptrack.shipment.client;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A tracking event as tracking-service records and returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackingEvent(String status, String location, OffsetDateTime time, String note) {
}
