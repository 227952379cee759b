package dev.shiptrack.shipment.client;

import java.util.UUID;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * tracking-service's HTTP API. The caller's bearer token is forwarded unchanged ({@link AccessToken}), and so are the
 * edge's signed tenant headers ({@code org.eclipse.microprofile.rest.client.propagateHeaders}): behind the edge,
 * tracking-service refuses a call without them.
 */
@RegisterRestClient(configKey = "tracking-service")
@RegisterClientHeaders
@AccessToken
@Path("/tracking/{shipmentId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TrackingRestClient {

    @POST
    @Path("/events")
    Uni<Void> recordEvent(@PathParam("shipmentId") UUID shipmentId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, TrackingEvent event);

    @GET
    @Path("/eta")
    Uni<TrackingEta> eta(@PathParam("shipmentId") UUID shipmentId);

    /**
     * Answers as the exceptions {@link TrackingClient}'s fault tolerance tells apart: 4xx as
     * {@link ClientErrorException}, 503 as {@link ServiceUnavailableException} (the default mapping makes every
     * status the same {@code WebApplicationException}, so neither would be recognised); other statuses as by default.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            return new ServiceUnavailableException(response);
        }
        if (Response.Status.Family.familyOf(response.getStatus()) == Response.Status.Family.CLIENT_ERROR) {
            return new ClientErrorException(response);
        }
        return null;
    }
}
