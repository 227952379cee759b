package dev.shiptrack.tracking.service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.Eta;
import dev.shiptrack.tracking.model.EventHistory;
import dev.shiptrack.tracking.model.IdempotencyKey;
import dev.shiptrack.tracking.model.NewTrackingEvent;
import dev.shiptrack.tracking.model.RecordedEvent;
import dev.shiptrack.tracking.model.SearchHits;
import dev.shiptrack.tracking.model.ShipmentId;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tracking.repository.ReindexOutboxRepository;
import dev.shiptrack.tracking.repository.StoreAccessDeniedException;
import dev.shiptrack.tracking.repository.StoreUnavailableException;
import dev.shiptrack.tracking.repository.TenantScope;
import dev.shiptrack.tracking.repository.TrackingEventRepository;
import dev.shiptrack.tracking.repository.TrackingSearchRepository;
import dev.shiptrack.tvm.tenant.CurrentTenant;

/** Records, lists, estimates and searches the caller's tracking events; the tenant always comes from the JWT. */
@ApplicationScoped
public class TrackingEventService {

    private static final Logger LOG = Logger.getLogger(TrackingEventService.class);
    private static final int MAX_QUERY_LENGTH = 256;

    private final CurrentTenant currentTenant;
    private final ActiveTenants activeTenants;
    private final TrackingEventRepository events;
    private final TrackingSearchRepository search;
    private final ReindexOutboxRepository outbox;
    private final PendingReindexTenants pendingTenants;
    private final TrackingConfig config;
    private final Clock clock = Clock.systemUTC();

    TrackingEventService(CurrentTenant currentTenant, ActiveTenants activeTenants, TrackingEventRepository events,
            TrackingSearchRepository search, ReindexOutboxRepository outbox, PendingReindexTenants pendingTenants,
            TrackingConfig config) {
        this.currentTenant = currentTenant;
        this.activeTenants = activeTenants;
        this.events = events;
        this.search = search;
        this.outbox = outbox;
        this.pendingTenants = pendingTenants;
        this.config = config;
    }

    /**
     * Stores the event in DynamoDB (failure: nothing is reported stored), then indexes it; an indexing failure
     * queues it in the tenant's outbox and answers {@code indexed: false}. With an idempotency key the event and the
     * key are stored together: a retry of the same request (same shipment and body) answers with the event recorded
     * the first time, indexing it again if needed (indexing is idempotent: the document id is the event id); the
     * same key with another request is refused (422). Keys are per tenant: another tenant's key never matches.
     *
     * @param key the client's idempotency key, or null
     */
    public Recording record(ShipmentId shipmentId, NewTrackingEvent request, IdempotencyKey key) {
        TenantScope scope = activeTenants.scopeOf(currentTenant.get());
        Instant now = clock.instant();
        TrackingEvent event = request.toEvent(shipmentId, UUID.randomUUID().toString(), now);
        if (key == null) {
            events.save(scope, event);
            return new Recording(index(scope, event), false);
        }
        String fingerprint = request.fingerprint(shipmentId);
        Optional<TrackingEventRepository.PriorRequest> prior = events.saveOnce(scope, event, key, fingerprint, now,
                now.plus(config.idempotency().keep()));
        if (prior.isEmpty()) {
            return new Recording(index(scope, event), false);
        }
        if (!prior.get().fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException("this Idempotency-Key was used for another request; "
                    + "use a new key for a new request");
        }
        return new Recording(index(scope, prior.get().event()), true);
    }

    private RecordedEvent index(TenantScope scope, TrackingEvent event) {
        pendingTenants.noteActive(scope.dataOwner());
        try {
            search.index(scope, event);
            return new RecordedEvent(event, true);
        } catch (StoreAccessDeniedException | StoreUnavailableException e) {
            LOG.warnf("Indexing event %s failed (%s); queued for re-indexing", event.eventId(), e.getMessage());
            outbox.addPending(scope, event);
            pendingTenants.add(scope.dataOwner());
            return new RecordedEvent(event, false);
        }
    }

    public EventHistory history(ShipmentId shipmentId) {
        List<TrackingEvent> history = events.history(activeTenants.scopeOf(currentTenant.get()), shipmentId.value());
        if (history.isEmpty()) {
            throw unknown(shipmentId);
        }
        return new EventHistory(shipmentId.value(), history);
    }

    /** @param zone an IANA time-zone id (Europe/Amsterdam) or an offset (+05:30), or null for UTC only */
    public Eta eta(ShipmentId shipmentId, String zone) {
        Optional<ZoneId> localZone = parseZone(zone);
        return events.latest(activeTenants.scopeOf(currentTenant.get()), shipmentId.value())
                .map(latest -> EtaRule.estimate(latest, localZone))
                .orElseThrow(() -> unknown(shipmentId));
    }

    private static Optional<ZoneId> parseZone(String zone) {
        if (zone == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone must be a time-zone id such as Europe/Amsterdam or an offset such as +05:30");
        }
    }

    public SearchHits search(String query) {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException("q is required and must have at most " + MAX_QUERY_LENGTH + " characters");
        }
        return new SearchHits(search.search(activeTenants.scopeOf(currentTenant.get()), query, config.limits().searchHits()));
    }

    static TrackingNotFoundException unknown(ShipmentId shipmentId) {
        return new TrackingNotFoundException("no shipment " + shipmentId + " with tracking events");
    }
}
