package dev.shiptrack.tenant.service;

/** The hostname does not route to this tenant: it is not registered, or it is another tenant's (404). */
public class HostnameNotFoundException extends RuntimeException {

    public HostnameNotFoundException(String tenantId, String hostname) {
        super("Tenant " + tenantId + " has no hostname " + hostname);
    }
}
