package dev.shiptrack.shipment.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServiceUnavailableException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * Calls tracking-service with a timeout and a circuit breaker per call. The read is retried twice; recording an
 * event once, under an {@code Idempotency-Key}, so that a retry after a lost answer (tracking-service stored the
 * event, the answer never came) gets the event recorded the first time instead of a second one. 4xx answers are the
 * caller's problem, not tracking-service's, so they neither count as breaker failures nor get retried. A 503 is
 * tracking-service saying that its own backend did not answer within its bound: it counts as a failure but is not
 * retried, since an immediate retry would only wait that bound again (the system fault suite measured 3.2 s for a
 * shipment read while DynamoDB hung). Values can be tuned per method with
 * {@code quarkus.fault-tolerance."<class>/<method>".*}.
 */
@ApplicationScoped
public class TrackingClient {

    static final String RECORD_EVENT_BREAKER = "tracking-record-event";
    static final String ETA_BREAKER = "tracking-eta";

    private final TrackingRestClient tracking;

    public TrackingClient(@RestClient TrackingRestClient tracking) {
        this.tracking = tracking;
    }

    /** @param idempotencyKey the same for every attempt of one recording, unique among the tenant's recordings */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100, jitter = 50,
            abortOn = { ClientErrorException.class, ServiceUnavailableException.class })
    // The breaker counts attempts, and a recording that timed out is two: a window of 8 attempts. It half-opens after
    // 5 s: with 10 s, shipments were refused for 12-14 s after a hung DynamoDB came back (system fault suite).
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = ClientErrorException.class)
    @CircuitBreakerName(RECORD_EVENT_BREAKER)
    public Uni<Void> recordEvent(UUID shipmentId, String idempotencyKey, TrackingEvent event) {
        return tracking.recordEvent(shipmentId, idempotencyKey, event);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            abortOn = { ClientErrorException.class, ServiceUnavailableException.class })
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = ClientErrorException.class)
    @CircuitBreakerName(ETA_BREAKER)
    public Uni<TrackingEta> eta(UUID shipmentId) {
        return tracking.eta(shipmentId);
    }
}
