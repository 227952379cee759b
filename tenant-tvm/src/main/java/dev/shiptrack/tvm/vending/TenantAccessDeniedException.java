package dev.shiptrack.tvm.vending;

/** STS refused to vend credentials for this tenant (AccessDenied on the role or a session tag); answered with 403. */
public class TenantAccessDeniedException extends VendingException {

    public TenantAccessDeniedException(String tenant, String roleArn, String message, Throwable cause) {
        super(tenant, roleArn, message, cause);
    }
}
