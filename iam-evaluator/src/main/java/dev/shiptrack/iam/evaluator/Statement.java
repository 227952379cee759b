package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One policy statement and the question whether it applies to a request: its action, resource, principal (in
 * resource policies) and condition all match. Anything it cannot read raises {@link UnsupportedPolicyException}.
 */
final class Statement {

    enum Effect { ALLOW, DENY }

    /** Which kind of policy holds the statement: it decides whether a Principal is required and Resource too. */
    enum Kind { IDENTITY, RESOURCE }

    /**
     * How one Resource entry compares with the request's resource. UNRESOLVED (a policy variable without a value,
     * or a short ARN that was padded with wildcards and still does not match) never counts as a match, nor as a
     * non-match for NotResource; iam-simulate reads both the same way.
     */
    enum ResourceMatch { MATCH, NO_MATCH, UNRESOLVED }

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** Actions take wildcards but no policy variables. */
    private static final RequestContext NO_VARIABLES = new RequestContext(Map.of());

    private final JsonNode node;
    private final String id;

    Statement(JsonNode node, int index) {
        this.node = node;
        JsonNode sid = node.get("Sid");
        this.id = sid != null && sid.isTextual() && !sid.asText().isEmpty() ? sid.asText() : "#" + index;
    }

    /** The statement's Sid, or {@code #<index>} when it has none. */
    String id() {
        return id;
    }

    /** The effect, or empty when it is neither Allow nor Deny. */
    Optional<Effect> effect() {
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual()) {
            return Optional.empty();
        }
        return switch (effect.asText()) {
            case "Allow" -> Optional.of(Effect.ALLOW);
            case "Deny" -> Optional.of(Effect.DENY);
            default -> Optional.empty();
        };
    }

    /**
     * Whether the statement applies: its action, resource, principal and condition all match. A part that surely
     * does not match settles it, even if another part cannot be read; otherwise an unreadable part is reported.
     *
     * @throws UnsupportedPolicyException when the effect is unreadable, or no part surely fails and one is unreadable
     */
    boolean applies(AuthorizationRequest request, RequestContext context, Kind kind) {
        if (!node.isObject()) {
            throw new UnsupportedPolicyException("statement is not an object");
        }
        if (effect().isEmpty()) {
            throw new UnsupportedPolicyException("Effect must be Allow or Deny");
        }
        List<BooleanSupplier> parts = List.of(
                () -> actionMatches(request.action()),
                () -> resourceMatches(request.resourceArn(), context, kind),
                () -> principalMatches(request.principalArn(), kind),
                () -> !node.has("Condition") || ConditionEvaluator.holds(node.get("Condition"), context));
        return all(parts);
    }

    private boolean actionMatches(String requestAction) {
        return exactlyOne("Action", "NotAction")
                ? anyMatches(strings("Action"), action -> actionMatches(action, requestAction))
                : !anyMatches(strings("NotAction"), action -> actionMatches(action, requestAction));
    }

    private boolean resourceMatches(String requestResource, RequestContext context, Kind kind) {
        if (kind == Kind.RESOURCE && !node.has("Resource") && !node.has("NotResource")) {
            return true;
        }
        if (exactlyOne("Resource", "NotResource")) {
            return anyMatches(strings("Resource"),
                    resource -> resourceMatches(resource, requestResource, context, kind) == ResourceMatch.MATCH);
        }
        // A NotResource entry that cannot be resolved does not count as "not this resource".
        return !anyMatches(strings("NotResource"),
                resource -> resourceMatches(resource, requestResource, context, kind) != ResourceMatch.NO_MATCH);
    }

    private boolean principalMatches(String principalArn, Kind kind) {
        if (kind == Kind.IDENTITY) {
            if (node.has("Principal") || node.has("NotPrincipal")) {
                throw new UnsupportedPolicyException("identity and session policies take no Principal");
            }
            return true;
        }
        return exactlyOne("Principal", "NotPrincipal")
                ? principalMatches(node.get("Principal"), principalArn)
                : !principalMatches(node.get("NotPrincipal"), principalArn);
    }

    /** AND of parts: false as soon as one surely fails; an unreadable part only counts when none does. */
    static boolean all(List<BooleanSupplier> parts) {
        UnsupportedPolicyException unreadable = null;
        for (BooleanSupplier part : parts) {
            try {
                if (!part.getAsBoolean()) {
                    return false;
                }
            } catch (UnsupportedPolicyException e) {
                unreadable = unreadable == null ? e : unreadable;
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return true;
    }

    /** True when {@code positive} is present, false when {@code negative} is; refuses both and neither. */
    private boolean exactlyOne(String positive, String negative) {
        boolean hasPositive = node.has(positive);
        boolean hasNegative = node.has(negative);
        if (hasPositive == hasNegative) {
            throw new UnsupportedPolicyException("exactly one of " + positive + " and " + negative + " is required");
        }
        return hasPositive;
    }

    private List<String> strings(String element) {
        return strings(element, node.get(element));
    }

    private static List<String> strings(String element, JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isTextual()) {
            values.add(value.asText());
        } else if (value.isArray() && !value.isEmpty()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new UnsupportedPolicyException(element + " holds a value that is not a string");
                }
                values.add(item.asText());
            }
        } else {
            throw new UnsupportedPolicyException(element + " must be a string or a non-empty list of strings");
        }
        return values;
    }

    /** OR of values: true as soon as one surely matches; an unreadable value only counts when none does. */
    private static boolean anyMatches(List<String> values, Predicate<String> matcher) {
        return !all(values.stream().<BooleanSupplier>map(value -> () -> !matcher.test(value)).toList());
    }

    /** {@code service:pattern}: the service prefix compares exactly, the action name as a case-insensitive pattern. */
    static boolean actionMatches(String policyAction, String requestAction) {
        if (policyAction.equals("*")) {
            return true;
        }
        String[] policy = policyAction.split(":", -1);
        if (policy.length != 2) {
            throw new UnsupportedPolicyException("action " + policyAction + " is not service:action");
        }
        String[] request = requestAction.split(":", -1);
        if (request.length != 2 || policy[1].isBlank() || policy[1].chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        return policy[0].equalsIgnoreCase(request[0]) && IamString.compile(policy[1], NO_VARIABLES, true, true)
                .map(pattern -> pattern.matches(request[1]))
                .orElse(false);
    }

    /**
     * ARN resources compare segment by segment, as iam-simulate does: partition, service, region and account as
     * case-insensitive patterns, then the resource type (up to the first {@code /} or {@code :}) literally, then
     * the resource id as a case-sensitive pattern with policy variables.
     */
    static ResourceMatch resourceMatches(String policyResource, String requestResource, RequestContext context,
                                         Kind kind) {
        if (policyResource.equals("*")) {
            return ResourceMatch.MATCH;
        }
        if (!policyResource.startsWith("arn:")) {
            throw new UnsupportedPolicyException("resource " + policyResource + " is neither * nor an ARN");
        }
        String[] policy = Arns.split(policyResource);
        if (policy != null) {
            return arnMatches(policy, requestResource, context);
        }
        // Short ARNs: identity policies read the missing segments as *, resource policies need a wildcard.
        if (kind == Kind.RESOURCE && !policyResource.contains("*")) {
            return ResourceMatch.NO_MATCH;
        }
        String padded = policyResource + ":*".repeat(6 - policyResource.split(":", -1).length);
        ResourceMatch match = arnMatches(Arns.split(padded), requestResource, context);
        return match == ResourceMatch.MATCH ? match : ResourceMatch.UNRESOLVED;
    }

    private static ResourceMatch arnMatches(String[] policy, String requestResource, RequestContext context) {
        String[] request = requestResource == null ? null : Arns.split(requestResource);
        if (request == null) {
            return ResourceMatch.NO_MATCH;
        }
        for (int i = 1; i < 5; i++) {
            Optional<Glob> segment = IamString.compile(policy[i], context, true, true);
            if (segment.isEmpty()) {
                return ResourceMatch.UNRESOLVED;
            }
            if (!segment.get().matches(request[i])) {
                return ResourceMatch.NO_MATCH;
            }
        }
        String type = resourceType(policy);
        if (!request[5].startsWith(type)) {
            return ResourceMatch.NO_MATCH;
        }
        Optional<Glob> id = IamString.compile(policy[5].substring(type.length()), context, true, false);
        if (id.isEmpty()) {
            return ResourceMatch.UNRESOLVED;
        }
        return id.get().matches(request[5].substring(type.length()))
                ? ResourceMatch.MATCH : ResourceMatch.NO_MATCH;
    }

    /** The resource type prefix of an ARN's resource part, e.g. {@code table/}; none for S3 buckets and objects. */
    private static String resourceType(String[] arn) {
        if (arn[2].equalsIgnoreCase("s3") && arn[3].isEmpty() && arn[4].isEmpty()) {
            return "";
        }
        int slash = arn[5].indexOf('/');
        int colon = arn[5].indexOf(':');
        int end = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
        return end < 0 ? "" : arn[5].substring(0, end + 1);
    }

    /**
     * {@code "*"}, or {@code {"AWS": ...}} (also Service, Federated, CanonicalUser). An AWS entry matches the
     * principal itself, every principal of its account when it names the account ({@code 123456789012} or
     * {@code arn:aws:iam::123456789012:root}), and the sessions of a role when it names the role.
     */
    static boolean principalMatches(JsonNode principal, String principalArn) {
        if (principal.isTextual()) {
            if (!principal.asText().equals("*")) {
                throw new UnsupportedPolicyException("Principal string must be *");
            }
            return true;
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw new UnsupportedPolicyException("Principal must be * or an object");
        }
        List<String> types = new ArrayList<>();
        principal.fieldNames().forEachRemaining(types::add);
        return anyMatches(types, type -> {
            List<String> values = strings("Principal." + type, principal.get(type));
            return switch (type) {
                case "AWS" -> anyMatches(values, value -> awsPrincipalMatches(value, principalArn));
                case "Service", "Federated", "CanonicalUser" -> values.contains(principalArn);
                default -> throw new UnsupportedPolicyException("unsupported principal type " + type);
            };
        });
    }

    private static boolean awsPrincipalMatches(String value, String principalArn) {
        if (value.equals("*")) {
            return true;
        }
        if (principalArn == null) {
            return false;
        }
        String[] principal = Arns.split(principalArn);
        if (ACCOUNT_ID.matcher(value).matches()) {
            return principal != null && principal[4].equals(value);
        }
        String[] named = Arns.split(value);
        if (named == null) {
            throw new UnsupportedPolicyException("principal " + value + " is neither *, an account nor an ARN");
        }
        if (value.equals(principalArn)) {
            return true;
        }
        if (principal == null || !named[1].equals(principal[1]) || !named[4].equals(principal[4])) {
            return false;
        }
        if (named[2].equals("iam") && named[5].equals("root")) {
            return true;
        }
        return named[2].equals("iam") && named[5].startsWith("role/") && principal[2].equals("sts")
                && principal[5].startsWith("assumed-role/")
                && sessionRole(principal[5]).equalsIgnoreCase(named[5].substring(named[5].lastIndexOf('/') + 1));
    }

    /** {@code assumed-role/<Role>/<session>} to {@code <Role>}. */
    private static String sessionRole(String assumedRole) {
        String rest = assumedRole.substring("assumed-role/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

}
