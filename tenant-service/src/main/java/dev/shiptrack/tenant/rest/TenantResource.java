package dev.shiptrack.tenant.rest;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.shiptrack.tenant.model.LifecycleEvent;
import dev.shiptrack.tenant.model.NewTenant;
import dev.shiptrack.tenant.model.StorageChange;
import dev.shiptrack.tenant.model.TenantHostname;
import dev.shiptrack.tenant.model.TenantPage;
import dev.shiptrack.tenant.model.TenantView;
import dev.shiptrack.tenant.model.TierChange;
import dev.shiptrack.tenant.service.InvalidTenantRequestException;
import dev.shiptrack.tenant.service.Outcome;
import dev.shiptrack.tenant.service.TenantLifecycleService;

/** The tenant API of the control plane; only the platform operator's role may call it. */
@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${tenant-service.operator-role}")
@SecurityRequirement(name = "bearer")
public class TenantResource {

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9]{3,32}");

    private final TenantLifecycleService lifecycle;

    TenantResource(TenantLifecycleService lifecycle) {
        this.lifecycle = lifecycle;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Onboard a tenant (idempotent: the same body again answers with the same tenant)")
    @APIResponse(responseCode = "201", description = "Onboarded by this request")
    @APIResponse(responseCode = "200", description = "Onboarded before with the same body")
    @APIResponse(responseCode = "202", description = "Another request is onboarding it; see Location")
    @APIResponse(responseCode = "409", description = "The id exists with another body, was offboarded, or a step conflicts")
    @APIResponse(responseCode = "503", description = "A backend failed at the named step; the same request resumes")
    public Response onboard(@NotNull @Valid NewTenant tenant) {
        return answer(lifecycle.onboard(tenant));
    }

    @GET
    @Operation(summary = "The tenants, ordered by id, tombstones of offboarded tenants included")
    public TenantPage list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return lifecycle.page(page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A tenant with its status and the steps done")
    public TenantView get(@PathParam("id") String id) {
        return lifecycle.get(tenantId(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an active or suspended tenant's tier (registry, data plane and routes registry)")
    @APIResponse(responseCode = "200", description = "The tenant with its new tier")
    @APIResponse(responseCode = "404", description = "No such tenant, or offboarded")
    @APIResponse(responseCode = "409", description = "The tenant is being onboarded or offboarded, or failed")
    public TenantView changeTier(@PathParam("id") String id, @NotNull @Valid TierChange change) {
        return TenantView.of(lifecycle.changeTier(tenantId(id), change.tier()));
    }

    @PUT
    @Path("/{id}/storage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the tenant's tracking items to the pooled table (pool) or to a table of its own (silo)")
    @APIResponse(responseCode = "200", description = "The tenant with its storage: moved by this request, or so already")
    @APIResponse(responseCode = "400", description = "Not {\"model\": \"pool\"} or {\"model\": \"silo\"}")
    @APIResponse(responseCode = "404", description = "No such tenant, or offboarded")
    @APIResponse(responseCode = "409", description = "Another operation runs (a move included), or the tenant is not"
            + " active or suspended, or failed another operation")
    @APIResponse(responseCode = "503", description = "A backend failed at the named step; the same request resumes")
    public TenantView moveStorage(@PathParam("id") String id, @NotNull @Valid StorageChange change) {
        return TenantView.of(lifecycle.moveStorage(tenantId(id), change.target()));
    }

    @GET
    @Path("/{id}/hostnames")
    @Operation(summary = "The hostnames that route to the tenant: its subdomain and its custom hostnames")
    public List<TenantHostname> hostnames(@PathParam("id") String id) {
        return lifecycle.hostnames(tenantId(id));
    }

    @PUT
    @Path("/{id}/hostnames/{hostname}")
    @Operation(summary = "Route a custom hostname (exact, or a wildcard *.<domain> for one more label) to the tenant")
    @APIResponse(responseCode = "201", description = "Registered by this request")
    @APIResponse(responseCode = "200", description = "Already the tenant's")
    @APIResponse(responseCode = "400", description = "Not a lowercase hostname, or under the base domain")
    @APIResponse(responseCode = "409", description = "Another tenant's (hostname-taken), or the tenant is not active or"
            + " suspended")
    public Response registerHostname(@PathParam("id") String id, @PathParam("hostname") String hostname) {
        TenantHostname registered = new TenantHostname(hostname, TenantHostname.Kind.CUSTOM);
        return lifecycle.registerHostname(tenantId(id), hostname)
                ? Response.created(URI.create("/tenants/" + id + "/hostnames/" + hostname)).entity(registered).build()
                : Response.ok(registered).build();
    }

    @DELETE
    @Path("/{id}/hostnames/{hostname}")
    @Operation(summary = "Stop routing a custom hostname to the tenant")
    @APIResponse(responseCode = "204", description = "Unregistered")
    @APIResponse(responseCode = "404", description = "Not a hostname of this tenant (absent or another tenant's)")
    @APIResponse(responseCode = "409", description = "The tenant's subdomain, or the tenant is not active or suspended")
    public void unregisterHostname(@PathParam("id") String id, @PathParam("hostname") String hostname) {
        lifecycle.unregisterHostname(tenantId(id), hostname);
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The tenant's lifecycle events, oldest first")
    public List<LifecycleEvent> events(@PathParam("id") String id) {
        return lifecycle.events(tenantId(id));
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend an active tenant: its users are refused from the next request on")
    public Response suspend(@PathParam("id") String id) {
        return answer(lifecycle.suspend(tenantId(id)));
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Reactivate a suspended tenant")
    public Response activate(@PathParam("id") String id) {
        return answer(lifecycle.activate(tenantId(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Offboard a tenant: erase every trace of it and keep a tombstone of the id")
    @APIResponse(responseCode = "200", description = "Offboarded (by this request or before)")
    @APIResponse(responseCode = "202", description = "Another request is offboarding it")
    public Response offboard(@PathParam("id") String id) {
        Outcome outcome = lifecycle.offboard(tenantId(id));
        return outcome.result() == Outcome.Result.IN_PROGRESS ? answer(outcome)
                : Response.ok(TenantView.of(outcome.tenant())).build();
    }

    /** A path id outside the tenant id rule is a bad request, not a missing tenant. */
    private static String tenantId(String id) {
        if (id == null || !TENANT_ID.matcher(id).matches()) {
            throw new InvalidTenantRequestException("A tenant id is 3 to 32 lowercase letters and digits");
        }
        return id;
    }

    private static Response answer(Outcome outcome) {
        TenantView view = TenantView.of(outcome.tenant());
        return switch (outcome.result()) {
            case CREATED -> Response.created(URI.create("/tenants/" + view.id())).entity(view).build();
            case UNCHANGED -> Response.ok(view).build();
            case IN_PROGRESS -> Response.accepted(view).location(URI.create("/tenants/" + view.id())).build();
        };
    }
}
