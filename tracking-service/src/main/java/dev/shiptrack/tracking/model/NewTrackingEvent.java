package dev.shiptrack.tracking.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

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

    /**
     * SHA-256 of the request as sent (the shipment and the four fields, each length-prefixed, null apart from
     * empty): what an {@code Idempotency-Key} is bound to. The time as sent, not as defaulted, so that a retry of a
     * request without {@code time} is the same request.
     */
    public String fingerprint(ShipmentId shipmentId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String field : Arrays.asList(shipmentId.value(), status, location, time, note)) {
                byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                sha256.update((field == null ? "-1" : Integer.toString(bytes.length)).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) ':');
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
