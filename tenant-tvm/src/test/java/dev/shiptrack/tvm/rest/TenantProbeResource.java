package dev.shiptrack.tvm.rest;

import dev.shiptrack.tvm.tenant.CurrentTenant;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import dev.shiptrack.tvm.vending.VendedCredentials;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Test-only endpoint: vends credentials for the tenant of the caller's token, as a service resource would. */
@Path("/probe/credentials")
public class TenantProbeResource {

    private final CurrentTenant currentTenant;
    private final TenantCredentialsVendor vendor;

    public TenantProbeResource(CurrentTenant currentTenant, TenantCredentialsVendor vendor) {
        this.currentTenant = currentTenant;
        this.vendor = vendor;
    }

    /** Shows which credentials the request got; the access key id is not a secret, the secret key never leaves. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> credentials() {
        TenantId tenant = currentTenant.get();
        VendedCredentials vended = vendor.vend(tenant);
        return Map.of("tenant", tenant.value(), "accessKeyId", vended.credentials().accessKeyId(),
                "sessionName", vended.sessionName(), "policyHash", vended.policyHash());
    }
}
