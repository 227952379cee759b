package dev.shiptrack.shipment.rest;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shiptrack.shipment.model.NewShipment;
import dev.shiptrack.shipment.model.ShipmentPage;
import dev.shiptrack.shipment.model.ShipmentView;
import dev.shiptrack.shipment.service.ShipmentService;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Shipments of the caller's tenant; the tenant comes only from the verified bearer token. */
@Path("/shipments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "shipments")
@SecurityRequirement(name = "bearer")
public class ShipmentResource {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String NUMBER = "[0-9]{1,9}";

    private final ShipmentService shipments;
    private final CurrentTenant currentTenant;

    public ShipmentResource(ShipmentService shipments, CurrentTenant currentTenant) {
        this.shipments = shipments;
        this.currentTenant = currentTenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a shipment and record LABEL_CREATED with tracking-service (all or nothing)")
    @APIResponse(responseCode = "201", description = "Stored, and LABEL_CREATED recorded")
    @APIResponse(responseCode = "400", description = "Invalid body (application/problem+json)")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "503", description = "tracking-service did not record the event; nothing was stored")
    public Uni<RestResponse<ShipmentView>> create(@NotNull @Valid NewShipment shipment) {
        return shipments.create(tenantId(), shipment)
                .map(created -> RestResponse.ResponseBuilder.<ShipmentView>created(URI.create("/shipments/" + created.id()))
                        .entity(created).build());
    }

    @GET
    @Operation(summary = "List the tenant's shipments, newest first")
    public Uni<ShipmentPage> list(
            @Parameter(description = "0-based page number") @QueryParam("page") @Pattern(regexp = NUMBER, message = "must be a non-negative integer") String page,
            @Parameter(description = "page size, 1 to shipment.paging.max-size") @QueryParam("size") @Pattern(regexp = NUMBER, message = "must be a positive integer") String size) {
        return shipments.list(tenantId(), Optional.ofNullable(page).map(Integer::valueOf),
                Optional.ofNullable(size).map(Integer::valueOf));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One shipment with its current tracking status and ETA")
    @APIResponse(responseCode = "404", description = "No such shipment for this tenant")
    public Uni<ShipmentView> get(
            @Parameter(description = "shipment id, a UUID") @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return shipments.get(tenantId(), UUID.fromString(id));
    }

    /** The tenant of the verified token, also put into the log context as {@code tenantId}. */
    private String tenantId() {
        String tenantId = currentTenant.get().value();
        MDC.put("tenantId", tenantId);
        return tenantId;
    }
}
