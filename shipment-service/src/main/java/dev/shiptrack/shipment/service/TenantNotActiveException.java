package dev.shiptrack.shipment.service;

import java.util.Optional;

import dev.shiptrack.shipment.model.TenantStatus;

/** The caller's tenant is suspended, disabled or not registered, so it may not use the service. */
public class TenantNotActiveException extends RuntimeException {

    private final String tenantId;
    private final Optional<TenantStatus> status;

    public TenantNotActiveException(String tenantId, Optional<TenantStatus> status) {
        super("Tenant " + tenantId + " is " + status.map(s -> s.name().toLowerCase()).orElse("not registered"));
        this.tenantId = tenantId;
        this.status = status;
    }

    public String tenantId() {
        return tenantId;
    }

    /** Empty when the tenant has no row in {@code tenants}. */
    public Optional<TenantStatus> status() {
        return status;
    }
}
