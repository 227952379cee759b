package dev.shiptrack.shipment.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shiptrack.shipment.client.TrackingClient;
import dev.shiptrack.shipment.client.TrackingEvent;
import dev.shiptrack.shipment.config.ShipmentConfig;
import dev.shiptrack.shipment.model.NewShipment;
import dev.shiptrack.shipment.model.Shipment;
import dev.shiptrack.shipment.model.ShipmentPage;
import dev.shiptrack.shipment.model.ShipmentView;
import dev.shiptrack.shipment.model.TenantStatus;
import dev.shiptrack.shipment.model.TrackingSummary;
import dev.shiptrack.shipment.repository.ShipmentRepository;
import dev.shiptrack.shipment.repository.TenantDatabase;
import dev.shiptrack.shipment.repository.TenantRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Shipments of the calling tenant. Every database access checks first that the tenant is active. */
@ApplicationScoped
public class ShipmentService {

    static final String LABEL_CREATED = "LABEL_CREATED";
    private static final Logger LOG = Logger.getLogger(ShipmentService.class);

    private final TenantDatabase database;
    private final TenantRepository tenants;
    private final ShipmentRepository shipments;
    private final TrackingClient tracking;
    private final ShipmentConfig.Paging paging;

    public ShipmentService(TenantDatabase database, TenantRepository tenants, ShipmentRepository shipments,
            TrackingClient tracking, ShipmentConfig config) {
        this.database = database;
        this.tenants = tenants;
        this.shipments = shipments;
        this.tracking = tracking;
        this.paging = config.paging();
    }

    /**
     * Stores the shipment and records {@code LABEL_CREATED} with tracking-service in one unit: the row commits
     * only after tracking-service acknowledged the event; otherwise the transaction rolls back, nothing is stored
     * and the caller gets {@link TrackingUnavailableException} (503) and may simply retry. The event's idempotency
     * key is the new shipment's own ({@code label-created-<id>}), so the client's retry of a lost answer records
     * it once.
     */
    public Uni<ShipmentView> create(String tenantId, NewShipment request) {
        Shipment shipment = new Shipment(UUID.randomUUID(), tenantId, request.orderReference(), request.origin(),
                request.destination(), request.carrier(), request.parcel(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        TrackingEvent labelCreated = new TrackingEvent(LABEL_CREATED, request.origin().city(), shipment.createdAt(),
                "Label created for order " + request.orderReference());
        return inActiveTenantTransaction(tenantId, connection -> shipments.insert(connection, shipment)
                .call(stored -> tracking.recordEvent(stored.id(), "label-created-" + stored.id(), labelCreated)
                        .onFailure().transform(TrackingUnavailableException::new)))
                .map(stored -> ShipmentView.of(stored, TrackingSummary.recorded(labelCreated)));
    }

    public Uni<ShipmentPage> list(String tenantId, Optional<Integer> requestedPage, Optional<Integer> requestedSize) {
        int page = requestedPage.orElse(0);
        int size = requestedSize.orElse(paging.defaultSize());
        if (page < 0 || page > paging.maxPage()) {
            return Uni.createFrom().failure(new InvalidPageException("page must be between 0 and " + paging.maxPage()));
        }
        if (size < 1 || size > paging.maxSize()) {
            return Uni.createFrom().failure(new InvalidPageException("size must be between 1 and " + paging.maxSize()));
        }
        return inActiveTenantTransaction(tenantId, connection -> shipments.list(connection, tenantId, page, size)
                .chain(items -> shipments.count(connection, tenantId).map(total -> new ShipmentPage(
                        items.stream().map(item -> ShipmentView.of(item, null)).toList(), page, size, total))));
    }

    /** The shipment with its tracking status; when tracking-service fails, the tracking part is marked unavailable. */
    public Uni<ShipmentView> get(String tenantId, UUID id) {
        return inActiveTenantTransaction(tenantId, connection -> shipments.findById(connection, tenantId, id))
                .map(found -> found.orElseThrow(() -> new ShipmentNotFoundException(id)))
                .chain(shipment -> tracking.eta(id)
                        .map(TrackingSummary::of)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Tracking of shipment %s unavailable: %s", id, failure.toString());
                            return TrackingSummary.unavailable();
                        })
                        .map(summary -> ShipmentView.of(shipment, summary)));
    }

    private <T> Uni<T> inActiveTenantTransaction(String tenantId, Function<SqlConnection, Uni<T>> work) {
        return database.inTenantTransaction(tenantId, connection -> tenants.findStatus(connection, tenantId)
                .chain(status -> status.filter(TenantStatus.ACTIVE::equals).isPresent()
                        ? work.apply(connection)
                        : Uni.createFrom().failure(new TenantNotActiveException(tenantId, status))));
    }
}
