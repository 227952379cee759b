package dev.shiptrack.tvm.vending;

/**
 * The session policy made from the configured permission templates cannot be sent (malformed, longer than STS
 * accepts) or STS refused it ({@code PackedPolicyTooLarge}, {@code MalformedPolicyDocument}). A configuration
 * problem, not the tenant's: answered with 503 like any other unavailability, and retrying does not help.
 */
public class SessionPolicyRejectedException extends CredentialsUnavailableException {

    public SessionPolicyRejectedException(String tenant, String roleArn, String message, Throwable cause) {
        super(tenant, roleArn, message, cause);
    }
}
