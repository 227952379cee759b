package dev.shiptrack.tvm.vending;

/** A vend that failed, naming the tenant and the role for the log (never credentials). */
public abstract class VendingException extends RuntimeException {

    private final String tenant;
    private final String roleArn;

    protected VendingException(String tenant, String roleArn, String message, Throwable cause) {
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
