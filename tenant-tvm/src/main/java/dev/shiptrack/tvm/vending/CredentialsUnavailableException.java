package dev.shiptrack.tvm.vending;

/**
 * No tenant credentials can be vended now (STS unreachable, throttled after retries, session policy refused);
 * answered with 503. The service never falls back to its own credentials.
 */
public class CredentialsUnavailableException extends RuntimeException {

    private final String tenant;
    private final String roleArn;

    public CredentialsUnavailableException(String tenant, String roleArn, String message, Throwable cause) {
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
