package dev.shiptrack.tracking.service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.Eta;
import dev.shiptrack.tracking.model.EventHistory;
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
     * queues it in the tenant's outbox and answers {@code indexed: false}.
     */
    public RecordedEvent record(ShipmentId shipmentId, NewTrackingEvent request) {
        TenantScope scope = activeTenants.scopeOf(currentTenant.get());
        TrackingEvent event = request.toEvent(shipmentId, UUID.randomUUID().toString(), clock.instant());
        events.save(scope, event);
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
