package dev.shiptrack.tracking.service;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.DeliveryDocument;
import dev.shiptrack.tracking.model.DocumentName;
import dev.shiptrack.tracking.model.ShipmentId;
import dev.shiptrack.tracking.model.StoredDocument;
import dev.shiptrack.tracking.repository.DeliveryDocumentRepository;
import dev.shiptrack.tracking.repository.TenantScope;
import dev.shiptrack.tracking.repository.TrackingEventRepository;
import dev.shiptrack.tvm.tenant.CurrentTenant;

/** Delivery documents of the caller's shipments; a shipment exists once it has a tracking event. */
@ApplicationScoped
public class DeliveryDocumentService {

    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final int MAX_CONTENT_TYPE_LENGTH = 255;

    private final CurrentTenant currentTenant;
    private final ActiveTenants activeTenants;
    private final DeliveryDocumentRepository documents;
    private final TrackingEventRepository events;
    private final TrackingConfig config;

    DeliveryDocumentService(CurrentTenant currentTenant, ActiveTenants activeTenants,
            DeliveryDocumentRepository documents, TrackingEventRepository events, TrackingConfig config) {
        this.currentTenant = currentTenant;
        this.activeTenants = activeTenants;
        this.documents = documents;
        this.events = events;
        this.config = config;
    }

    public StoredDocument store(ShipmentId shipmentId, DocumentName name, String contentType, InputStream body) {
        TenantScope scope = activeTenants.scopeOf(currentTenant.get());
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
        if (type.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw new InvalidInputException("Content-Type must have at most " + MAX_CONTENT_TYPE_LENGTH + " characters");
        }
        byte[] content = readAtMost(body, config.limits().documentBytes());
        if (content.length == 0) {
            throw new InvalidInputException("the document must not be empty");
        }
        if (events.latest(scope, shipmentId.value()).isEmpty()) {
            throw TrackingEventService.unknown(shipmentId);
        }
        documents.save(scope, shipmentId.value(), name.value(), new DeliveryDocument(type, content));
        return new StoredDocument(shipmentId.value(), name.value(), type, content.length);
    }

    public DeliveryDocument get(ShipmentId shipmentId, DocumentName name) {
        return documents.find(activeTenants.scopeOf(currentTenant.get()), shipmentId.value(), name.value())
                .orElseThrow(() -> new TrackingNotFoundException(
                        "no document " + name + " for shipment " + shipmentId));
    }

    /**
     * Reads the body, refusing it as soon as it passes the limit (chunked bodies carry no Content-Length). A body that
     * cannot be read to its end is the client's doing (it closed the connection or stopped sending): a bad request.
     */
    private static byte[] readAtMost(InputStream body, int limit) {
        try {
            byte[] content = body.readNBytes(limit + 1);
            if (content.length > limit) {
                throw new PayloadTooLargeException(limit);
            }
            return content;
        } catch (IOException e) {
            throw new InvalidInputException("the document could not be read to its end: the client closed the"
                    + " connection or stopped sending");
        }
    }
}
