package dev.shiptrack.tracking.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.shiptrack.tracking.model.Eta;
import dev.shiptrack.tracking.model.EventHistory;
import dev.shiptrack.tracking.model.NewTrackingEvent;
import dev.shiptrack.tracking.model.IdempotencyKey;
import dev.shiptrack.tracking.model.SearchHits;
import dev.shiptrack.tracking.model.ShipmentId;
import dev.shiptrack.tracking.service.InvalidInputException;
import dev.shiptrack.tracking.service.Recording;
import dev.shiptrack.tracking.service.TrackingEventService;
import io.quarkus.security.Authenticated;

@Path("/tracking")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tracking events")
public class TrackingEventResource {

    /** The method with a body size limit (see {@code RequestFilters}). */
    static final String RECORD = "record";
    /** Answer header of a request that an idempotency key had recorded before. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final TrackingEventService service;

    TrackingEventResource(TrackingEventService service) {
        this.service = service;
    }

    @POST
    @Path("/{shipmentId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a tracking event", description = "Stored in DynamoDB, then indexed; "
            + "\"indexed\": false means it is stored and will be searchable after re-indexing. With an "
            + "Idempotency-Key, a retry of the same request answers with the event recorded the first time "
            + "(header Idempotent-Replayed: true), and the key with another request answers 422.")
    public Response record(@PathParam("shipmentId") String shipmentId,
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey, NewTrackingEvent event) {
        if (event == null) {
            throw new InvalidInputException("a JSON event body is required");
        }
        ShipmentId id = new ShipmentId(shipmentId);
        Recording recording = service.record(id, event, IdempotencyKey.ofHeader(idempotencyKey));
        Response.ResponseBuilder created = Response.created(URI.create("/tracking/" + id + "/events"))
                .entity(recording.answer());
        return recording.replayed() ? created.header(REPLAYED, "true").build() : created.build();
    }

    @GET
    @Path("/{shipmentId}/events")
    @Operation(summary = "A shipment's tracking events, oldest first")
    public EventHistory history(@PathParam("shipmentId") String shipmentId) {
        return service.history(new ShipmentId(shipmentId));
    }

    @GET
    @Path("/{shipmentId}/eta")
    @Operation(summary = "Current status, last event and estimated delivery (also in a local time zone if asked)")
    public Eta eta(@PathParam("shipmentId") String shipmentId, @QueryParam("zone") String zone) {
        return service.eta(new ShipmentId(shipmentId), zone);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Full-text search over the caller's own events")
    public SearchHits search(@QueryParam("q") String query) {
        return service.search(query);
    }
}
