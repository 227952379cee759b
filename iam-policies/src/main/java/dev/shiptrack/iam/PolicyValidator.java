package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import java.util.List;
import java.util.Set;

/**
 * Checks that a document is a well-formed identity or session policy before it is sent anywhere, and that a
 * session policy fits the size STS accepts.
 */
public final class PolicyValidator {

    /** STS refuses session policies longer than this many characters (compact JSON). */
    public static final int SESSION_POLICY_MAX_CHARS = 2048;

    private static final Set<String> EFFECTS = Set.of("Allow", "Deny");

    private PolicyValidator() {
    }

    /**
     * Validates an identity or session policy: version 2012-10-17, at least one statement, each with an effect,
     * an action (or NotAction) and a resource (or NotResource), and no Principal.
     *
     * @throws InvalidPolicyException naming the first problem found
     */
    public static void validateIdentityPolicy(JsonNode policy) {
        if (!"2012-10-17".equals(policy.path("Version").asText())) {
            throw new InvalidPolicyException("Version must be 2012-10-17");
        }
        List<JsonNode> statements = PolicyDocuments.statementsOf(policy);
        if (statements.isEmpty()) {
            throw new InvalidPolicyException("A policy needs at least one statement");
        }
        for (JsonNode statement : statements) {
            String sid = statement.path("Sid").asText("(no Sid)");
            if (!EFFECTS.contains(statement.path("Effect").asText())) {
                throw new InvalidPolicyException(sid + ": Effect must be Allow or Deny");
            }
            if (statement.has("Action") == statement.has("NotAction")) {
                throw new InvalidPolicyException(sid + ": exactly one of Action and NotAction is required");
            }
            if (statement.has("Resource") == statement.has("NotResource")) {
                throw new InvalidPolicyException(sid + ": exactly one of Resource and NotResource is required");
            }
            if (statement.has("Principal") || statement.has("NotPrincipal")) {
                throw new InvalidPolicyException(sid + ": identity and session policies take no Principal");
            }
        }
        try {
            IamPolicy.fromJson(PolicyDocuments.compact(policy));
        } catch (RuntimeException e) {
            throw new InvalidPolicyException("Not an IAM policy: " + e.getMessage());
        }
    }

    /**
     * Validates a session policy and returns its compact JSON, the exact text to send to STS.
     *
     * @throws InvalidPolicyException if it is malformed or longer than {@link #SESSION_POLICY_MAX_CHARS}
     */
    public static String validateSessionPolicy(JsonNode policy) {
        validateIdentityPolicy(policy);
        String compact = PolicyDocuments.compact(policy);
        if (compact.length() > SESSION_POLICY_MAX_CHARS) {
            throw new InvalidPolicyException("Session policy has " + compact.length()
                    + " characters; STS accepts at most " + SESSION_POLICY_MAX_CHARS);
        }
        return compact;
    }

    /** A policy document that must not be used. */
    public static final class InvalidPolicyException extends RuntimeException {
        public InvalidPolicyException(String message) {
            super(message);
        }
    }
}
