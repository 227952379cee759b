package dev.shiptrack.shipment.tenant;

/** The verified token carries no tenant id of the form {@code [a-z0-9]{3,32}}. */
public class MissingTenantException extends RuntimeException {

    public MissingTenantException() {
        super("The access token carries no valid tenantId claim");
    }
}
