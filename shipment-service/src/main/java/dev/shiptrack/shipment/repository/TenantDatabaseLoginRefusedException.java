package dev.shiptrack.shipment.repository;

/** PostgreSQL refused the tenant's own database role at login (SQLSTATE class 28), e.g. no such role or no LOGIN. */
public class TenantDatabaseLoginRefusedException extends RuntimeException {

    private final String tenantId;

    public TenantDatabaseLoginRefusedException(String tenantId, Throwable cause) {
        super("PostgreSQL refused the login of tenant role " + tenantId, cause);
        this.tenantId = tenantId;
    }

    public String tenantId() {
        return tenantId;
    }
}
