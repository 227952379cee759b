package dev.shiptrack.tvm.vending;

/**
 * No tenant credentials can be vended now (STS unreachable, throttled after retries, session policy refused);
 * answered with 503. The service never falls back to its own credentials.
 */
public class CredentialsUnavailableException extends VendingException {

    public CredentialsUnavailableException(String tenant, String roleArn, String message, Throwable cause) {
        super(tenant, roleArn, message, cause);
    }
}
