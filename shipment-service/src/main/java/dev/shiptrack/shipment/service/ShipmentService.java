package dev.shiptrack.shipment.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shiptrack.shipment.client.TrackingClient;
import dev.shiptrack.shipment.client.TrackingEvent;
import dev.shiptrack.shipment.config.ShipmentConfig;
import dev.shiptrack.shipment.model.NewShipment;
import dev.shiptrack.shipment.model.Shipment;
import dev.shiptrack.shipment.model.ShipmentPage;
import dev.shiptrack.shipment.model.ShipmentView;
import dev.shiptrack.shipment.model.TenantStatus;
import dev.shiptrack.shipment.model.TrackingSummary;
import dev.shiptrack.shipment.repository.IdempotencyKeyRepository;
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
    private final IdempotencyKeyRepository keys;
    private final TrackingClient tracking;
    private final ObjectMapper json;
    private final ShipmentConfig.Paging paging;
    private final ShipmentConfig.Idempotency idempotency;

    public ShipmentService(TenantDatabase database, TenantRepository tenants, ShipmentRepository shipments,
            IdempotencyKeyRepository keys, TrackingClient tracking, ObjectMapper json, ShipmentConfig config) {
        this.database = database;
        this.tenants = tenants;
        this.shipments = shipments;
        this.keys = keys;
        this.tracking = tracking;
        this.json = json;
        this.paging = config.paging();
        this.idempotency = config.idempotency();
    }

    /**
     * Stores the shipment and records {@code LABEL_CREATED} with tracking-service in one unit: the row commits
     * only after tracking-service acknowledged the event; otherwise the transaction rolls back, nothing is stored
     * and the caller gets {@link TrackingUnavailableException} (503) and may simply retry. The event's idempotency
     * key is the new shipment's own ({@code label-created-<id>}), so that shipment-service's own retry of a lost
     * answer records it once.
     * <p>
     * With the client's idempotency key, the key is claimed in the same transaction before the row is written: a
     * retry of the same request (same body) answers with the shipment created the first time, without asking
     * tracking-service again (a committed key means LABEL_CREATED was acknowledged); the key with another body is
     * refused (422). A key that was rolled back with a failed request was never claimed. Keys are per tenant.
     *
     * @param idempotencyKey the client's {@code Idempotency-Key}, already checked against its format
     */
    public Uni<CreatedShipment> create(String tenantId, NewShipment request, Optional<String> idempotencyKey) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Shipment shipment = new Shipment(UUID.randomUUID(), tenantId, request.orderReference(), request.origin(),
                request.destination(), request.carrier(), request.parcel(), now);
        if (idempotencyKey.isEmpty()) {
            return inActiveTenantTransaction(tenantId, connection -> insertAndRecordLabel(connection, shipment));
        }
        String key = idempotencyKey.get();
        String fingerprint = fingerprint(request);
        return inActiveTenantTransaction(tenantId, connection -> keys.claim(connection, tenantId, key, fingerprint,
                        shipment.id(), now, now.plus(idempotency.keep()))
                .chain(claimed -> claimed
                        ? insertAndRecordLabel(connection, shipment)
                        : replay(connection, tenantId, key, fingerprint)));
    }

    private Uni<CreatedShipment> insertAndRecordLabel(SqlConnection connection, Shipment shipment) {
        TrackingEvent labelCreated = labelCreated(shipment);
        return shipments.insert(connection, shipment)
                .call(stored -> tracking.recordEvent(stored.id(), "label-created-" + stored.id(), labelCreated)
                        .onFailure().transform(TrackingUnavailableException::new))
                .map(stored -> new CreatedShipment(ShipmentView.of(stored, TrackingSummary.recorded(labelCreated)),
                        false));
    }

    private Uni<CreatedShipment> replay(SqlConnection connection, String tenantId, String key, String fingerprint) {
        return keys.find(connection, tenantId, key).chain(prior -> {
            if (prior.isEmpty()) {
                return Uni.createFrom().failure(new IdempotencyKeyConflictException());
            }
            if (!prior.get().fingerprint().equals(fingerprint)) {
                return Uni.createFrom().failure(new IdempotencyKeyReusedException());
            }
            return shipments.findById(connection, tenantId, prior.get().shipmentId())
                    .map(stored -> stored.orElseThrow(IdempotencyKeyConflictException::new))
                    .map(stored -> new CreatedShipment(
                            ShipmentView.of(stored, TrackingSummary.recorded(labelCreated(stored))), true));
        });
    }

    /** The event a new shipment is announced with; the same for a replay, as it is made of stored fields only. */
    private static TrackingEvent labelCreated(Shipment shipment) {
        return new TrackingEvent(LABEL_CREATED, shipment.origin().city(), shipment.createdAt(),
                "Label created for order " + shipment.orderReference());
    }

    /** SHA-256 of the request body as the API read it (Jackson writes a record's fields in declaration order). */
    private String fingerprint(NewShipment request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a validated shipment request always has a fingerprint", e);
        }
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
