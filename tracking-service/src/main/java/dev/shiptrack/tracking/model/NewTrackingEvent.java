package dev.shiptrack.tracking.model;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import dev.shiptrack.tracking.service.InvalidInputException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of {@code POST /tracking/{shipmentId}/events}. {@code status} is required; {@code time} is an ISO-8601
 * date-time with offset (default: now), between 2000-01-01 and one day ahead; {@code location} up to 200 and
 * {@code note} up to 2000 characters.
 */
@RegisterForReflection
public record NewTrackingEvent(String status, String location, String time, String note) {

    static final int MAX_LOCATION = 200;
    static final int MAX_NOTE = 2000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration MAX_AHEAD = Duration.ofDays(1);

    /** Checks the fields and returns the event to store, with a fresh id. */
    public TrackingEvent toEvent(ShipmentId shipmentId, String eventId, Instant now) {
        if (status == null) {
            throw new InvalidInputException("status is required");
        }
        return new TrackingEvent(eventId, shipmentId.value(), TrackingStatus.parse(status),
                bounded("location", location, MAX_LOCATION), parseTime(now), bounded("note", note, MAX_NOTE), now);
    }

    private Instant parseTime(Instant now) {
        if (time == null) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(time).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("time must be an ISO-8601 date-time with offset, e.g. 2026-11-24T10:15:30Z");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidInputException("time must be after 2000-01-01 and at most one day ahead");
        }
        return parsed;
    }

    private static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field + " must have at most " + max + " characters");
        }
        return value;
    }
}
