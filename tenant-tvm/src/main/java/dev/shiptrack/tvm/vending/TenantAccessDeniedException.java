package dev.shiptrack.tvm.vending;

/** STS refused to vend credentials for this tenant (AccessDenied on the role or a session tag); answered with 403. */
public class TenantAccessDeniedException extends RuntimeException {

    private final String tenant;
    private final String roleArn;

    public TenantAccessDeniedException(String tenant, String roleArn, String message, Throwable cause) {
        super(message, cause);
        this.tenant = tenant;
        this.roleArn = roleArn;
    }

    public String tenant() {
        return tenant;
    }

    public String roleArn() {
        return roleArn;
    }
}
