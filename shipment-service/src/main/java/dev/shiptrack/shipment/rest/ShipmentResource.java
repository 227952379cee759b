package dev.shiptrack.shipment.rest;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_KEY_PATTERN = "[A-Za-z0-9._:-]{1,128}";
    /** Answer header of a request that its idempotency key had answered before. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final ShipmentService shipments;
    private final CurrentTenant currentTenant;

    public ShipmentResource(ShipmentService shipments, CurrentTenant currentTenant) {
        this.shipments = shipments;
        this.currentTenant = currentTenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a shipment and record LABEL_CREATED with tracking-service (all or nothing)",
            description = "With an Idempotency-Key, a retry of the same request answers with the shipment created "
                    + "the first time (header Idempotent-Replayed: true); the key with another body answers 422.")
    @APIResponse(responseCode = "201", description = "Stored, and LABEL_CREATED recorded (or replayed)")
    @APIResponse(responseCode = "400", description = "Invalid body or Idempotency-Key (application/problem+json)")
    @APIResponse(responseCode = "413", description = "Body larger than the limit")
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used with another body")
    @APIResponse(responseCode = "503", description = "tracking-service did not record the event; nothing was stored")
    public Uni<RestResponse<ShipmentView>> create(
            @Parameter(description = "a client-chosen key that makes a retry of this request safe; kept 1 day")
            @HeaderParam(IDEMPOTENCY_KEY) @Pattern(regexp = IDEMPOTENCY_KEY_PATTERN,
                    message = "must match " + IDEMPOTENCY_KEY_PATTERN) String idempotencyKey,
            @NotNull @Valid NewShipment shipment) {
        return shipments.create(tenantId(), shipment, Optional.ofNullable(idempotencyKey))
                .map(created -> {
                    var answer = RestResponse.ResponseBuilder.<ShipmentView>created(
                            URI.create("/shipments/" + created.shipment().id())).entity(created.shipment());
                    return created.replayed() ? answer.header(REPLAYED, "true").build() : answer.build();
                });
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
