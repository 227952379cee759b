package dev.shiptrack.tenant.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.shiptrack.tenant.model.OwnTenant;
import dev.shiptrack.tenant.service.TenantLifecycleService;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import io.quarkus.security.Authenticated;

/**
 * The caller's own tenant, for its users (the console shows its name): the tenant comes from the verified token
 * alone, so no path or parameter can name another. {@code me} is no tenant id (ids have at least three characters).
 */
@Path("/tenants/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class OwnTenantResource {

    private final TenantLifecycleService lifecycle;
    private final CurrentTenant currentTenant;

    OwnTenantResource(TenantLifecycleService lifecycle, CurrentTenant currentTenant) {
        this.lifecycle = lifecycle;
        this.currentTenant = currentTenant;
    }

    @GET
    @Operation(summary = "The caller's own tenant: id, name, tier, status, storage (403 without a tenant in the token)")
    public OwnTenant get() {
        return OwnTenant.of(lifecycle.get(currentTenant.get().value()));
    }
}
