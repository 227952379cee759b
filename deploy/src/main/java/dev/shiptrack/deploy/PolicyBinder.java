package dev.shiptrack.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import dev.shiptrack.iam.PolicyValidator;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the policy documents of {@code deploy/iam} into CDK policy documents, with placeholders bound to the
 * resources of the stack.
 *
 * <p>Plain values go through {@link PolicyHydrator}, which refuses IAM wildcards and variables. A CDK token
 * (an unresolved reference such as a table name, {@code ${Token[...]}}) cannot pass that check, so each token is
 * first hydrated as an inert marker and swapped for the token afterwards; tokens resolve to CloudFormation
 * references to this stack's own resources, never to text that could widen a grant. Role ARNs in the documents
 * name roles by their contract names ({@code arn:aws:iam::{{account}}:role/TrackingServiceRole}, see
 * docs/architecture.md); each is bound to the ARN of the role the stack really creates, and a role name that is
 * not bound fails the synth instead of pointing a trust policy at a role that does not exist.
 */
final class PolicyBinder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER_PREFIX = "cdkreferencemarker";
    private static final Pattern ROLE_ARN = Pattern.compile("\"arn:aws:iam::([^:\"]*):role/([^\"]*)\"");

    /** What {@link PolicyHydrator} fills in: plain values as they are, tokens as markers. */
    private final Map<String, String> hydratorValues = new HashMap<>();
    private final Map<String, String> tokensByMarker = new LinkedHashMap<>();
    private final Map<String, IRole> roles = new HashMap<>();

    /** @param placeholders value (plain text or a CDK token) for each placeholder name, {@code account} included */
    PolicyBinder(Map<String, String> placeholders) {
        if (!placeholders.containsKey("account")) {
            throw new IllegalArgumentException("The account placeholder is needed to recognise role ARNs");
        }
        placeholders.forEach((placeholder, value) -> {
            if (Token.isUnresolved(value)) {
                // The trailing 'q' keeps one marker from being the prefix of another (…1q, …10q).
                String marker = MARKER_PREFIX + tokensByMarker.size() + "q";
                tokensByMarker.put(marker, value);
                hydratorValues.put(placeholder, marker);
            } else {
                hydratorValues.put(placeholder, value);
            }
        });
    }

    /** Binds the contract role name used in the documents to the role the stack creates. */
    PolicyBinder bindRole(String contractName, IRole role) {
        roles.put(contractName, role);
        return this;
    }

    /** An identity policy, validated as one before it is bound to tokens. */
    PolicyDocument identityPolicy(String name) {
        ObjectNode hydrated = hydrate(name);
        PolicyValidator.validateIdentityPolicy(hydrated);
        return bind(hydrated);
    }

    /** A trust (resource) policy, whose principals are roles bound with {@link #bindRole}. */
    PolicyDocument trustPolicy(String name) {
        return bind(hydrate(name));
    }

    private ObjectNode hydrate(String name) {
        ObjectNode template = PolicyDocuments.load(name);
        if (PolicyDocuments.compact(template).contains(MARKER_PREFIX)) {
            throw new IllegalStateException("Policy document " + name + " contains the reserved text " + MARKER_PREFIX);
        }
        return PolicyHydrator.hydrate(template, hydratorValues);
    }

    private PolicyDocument bind(ObjectNode hydrated) {
        String text = PolicyDocuments.compact(hydrated);
        Matcher roleArn = ROLE_ARN.matcher(text);
        StringBuilder bound = new StringBuilder();
        while (roleArn.find()) {
            IRole role = roles.get(roleArn.group(2));
            if (!hydratorValues.get("account").equals(roleArn.group(1))) {
                throw new IllegalStateException("The policy names role " + roleArn.group(2) + " in another account");
            }
            if (role == null) {
                throw new IllegalStateException("The policy names role " + roleArn.group(2)
                        + ", which this stack does not create");
            }
            // Token strings are plain JSON-safe text ("${Token[...]}"), so the swap cannot change the structure.
            roleArn.appendReplacement(bound, Matcher.quoteReplacement("\"" + role.getRoleArn() + "\""));
        }
        roleArn.appendTail(bound);
        text = bound.toString();
        for (Map.Entry<String, String> marker : tokensByMarker.entrySet()) {
            text = text.replace(marker.getKey(), marker.getValue());
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = JSON.readValue(text, Map.class);
            return PolicyDocument.fromJson(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bound policy is not JSON", e);
        }
    }
}
