package dev.shiptrack.tenant.service;

/** The tenant's current state does not allow the request (409), e.g. another body for an existing id. */
public class TenantConflictException extends RuntimeException {

    public TenantConflictException(String message) {
        super(message);
    }
}
