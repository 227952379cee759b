package dev.shiptrack.shipment.client;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import io.smallrye.mutiny.Uni;

/** tracking-service's HTTP API. The caller's bearer token is forwarded unchanged ({@link AccessToken}). */
@RegisterRestClient(configKey = "tracking-service")
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
}
