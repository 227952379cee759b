package dev.shiptrack.shipment.repository;

/**
 * PostgreSQL refused a statement on row-level security or privilege grounds (SQLSTATE 42501). The application
 * checks should have stopped the request earlier, so this is logged as an audit event.
 */
public class RowLevelSecurityRefusedException extends RuntimeException {

    private final String tenantId;
    private final String resource;

    public RowLevelSecurityRefusedException(String tenantId, String resource, Throwable cause) {
        super("PostgreSQL refused access to " + resource + " for tenant " + tenantId, cause);
        this.tenantId = tenantId;
        this.resource = resource;
    }

    public String tenantId() {
        return tenantId;
    }

    public String resource() {
        return resource;
    }
}
