package dev.shiptrack.tenant.service;

/** No tenant with this id was ever onboarded, or, for a tier or hostname change, it was offboarded (404). */
public class TenantNotFoundException extends RuntimeException {

    public TenantNotFoundException(String tenantId) {
        super("No tenant " + tenantId);
    }
}
