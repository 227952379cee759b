package dev.shiptrack.tracking.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import dev.shiptrack.tracking.model.Eta;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tracking.model.TrackingStatus;

/**
 * The estimated delivery, from the latest event only: LABEL_CREATED + 3 days, IN_TRANSIT + 2 days,
 * OUT_FOR_DELIVERY + 8 hours, DELIVERED = the delivery time, EXCEPTION = no estimate.
 */
final class EtaRule {

    private static final Map<TrackingStatus, Duration> REMAINING = Map.of(
            TrackingStatus.LABEL_CREATED, Duration.ofDays(3),
            TrackingStatus.IN_TRANSIT, Duration.ofDays(2),
            TrackingStatus.OUT_FOR_DELIVERY, Duration.ofHours(8),
            TrackingStatus.DELIVERED, Duration.ZERO);

    private EtaRule() {
    }

    /** The estimate, also as local time in {@code zone} when one is given (its offset on that day, DST included). */
    static Eta estimate(TrackingEvent latest, Optional<ZoneId> zone) {
        Duration remaining = REMAINING.get(latest.status());
        Instant estimate = remaining == null ? null : latest.time().plus(remaining);
        String local = estimate == null ? null
                : zone.map(z -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(estimate.atZone(z))).orElse(null);
        return new Eta(latest.shipmentId(), latest.status(), latest, estimate, local,
                latest.status() == TrackingStatus.DELIVERED);
    }
}
