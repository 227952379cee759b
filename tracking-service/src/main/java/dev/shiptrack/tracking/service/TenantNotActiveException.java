package dev.shiptrack.tracking.service;

import java.util.Optional;

import dev.shiptrack.tvm.tenant.TenantId;

/** The tenant is suspended, being offboarded, or was never onboarded: its users are refused (403). */
public class TenantNotActiveException extends RuntimeException {

    private final TenantId tenant;
    private final Optional<String> status;

    public TenantNotActiveException(TenantId tenant, Optional<String> status) {
        super("Tenant " + tenant + " is " + status.orElse("not registered"));
        this.tenant = tenant;
        this.status = status;
    }

    public TenantId tenant() {
        return tenant;
    }

    /** The projected status, empty when the tenant has none. */
    public Optional<String> status() {
        return status;
    }
}
