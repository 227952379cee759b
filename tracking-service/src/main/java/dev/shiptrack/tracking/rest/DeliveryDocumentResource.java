package dev.shiptrack.tracking.rest;

import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.shiptrack.tracking.model.DeliveryDocument;
import dev.shiptrack.tracking.model.DocumentName;
import dev.shiptrack.tracking.model.ShipmentId;
import dev.shiptrack.tracking.model.StoredDocument;
import dev.shiptrack.tracking.service.DeliveryDocumentService;
import io.quarkus.security.Authenticated;

@Path("/tracking/{shipmentId}/documents/{name}")
@Authenticated
@Tag(name = "delivery documents")
public class DeliveryDocumentResource {

    /** The method with a body size limit (see {@code RequestFilters}). */
    static final String STORE = "store";

    private final DeliveryDocumentService service;

    DeliveryDocumentResource(DeliveryDocumentService service) {
        this.service = service;
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a delivery document (e.g. a PDF); its Content-Type is kept")
    public Response store(@PathParam("shipmentId") String shipmentId, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        StoredDocument stored = service.store(new ShipmentId(shipmentId), new DocumentName(name), contentType, body);
        return Response.status(Response.Status.CREATED).entity(stored).build();
    }

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Return a delivery document with its content type")
    public Response get(@PathParam("shipmentId") String shipmentId, @PathParam("name") String name) {
        DeliveryDocument document = service.get(new ShipmentId(shipmentId), new DocumentName(name));
        return Response.ok(document.content(), document.contentType()).build();
    }
}
