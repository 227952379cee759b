package dev.shiptrack.tvm.vending;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Instant;

/**
 * Temporary credentials vended for one tenant.
 *
 * @param credentials the session credentials (secret: never log them)
 * @param expiration  when STS says they expire
 * @param roleArn     the role they belong to
 * @param sessionName the role session name, as it appears in CloudTrail
 * @param policyHash  SHA-256 (hex) of the session policy sent with them, {@code none} without one
 */
public record VendedCredentials(AwsSessionCredentials credentials, Instant expiration, String roleArn,
                                String sessionName, String policyHash) {

    @Override
    public String toString() {
        return "VendedCredentials[roleArn=" + roleArn + ", sessionName=" + sessionName + ", expiration="
                + expiration + ", policyHash=" + policyHash + "]";
    }
}
