package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Evaluates IAM policies the way AWS IAM does: an explicit Deny wins over any Allow, and without an Allow the request
 * is implicitly denied. Anything the evaluator cannot read with certainty (an unknown condition operator, a
 * malformed statement or document) fails closed: it never allows, and a Deny statement it cannot read is taken to
 * apply, unless a part it can read shows that it does not (its Action names other actions, say). Each such case is
 * logged, naming the policy, the statement and the reason.
 * <p>
 * Thread-safe and stateless: one instance can serve every request.
 */
public final class PolicyEvaluator {

    private static final Logger LOG = Logger.getLogger(PolicyEvaluator.class.getName());
    private static final String UNREADABLE_DOCUMENT = "(unreadable document)";

    /** What the statements of a group of policies say about a request: the first applying Deny and Allow. */
    private record Verdict(Decision deny, Decision allow) {
    }

    /** Identity policies of the role intersected with the optional session policy; explicit Deny in any wins. */
    public Decision evaluate(AuthorizationRequest request, List<NamedPolicy> identityPolicies,
                             Optional<NamedPolicy> sessionPolicy) {
        Objects.requireNonNull(request, "request");
        RequestContext context = new RequestContext(request.context());
        Verdict identity = verdict(request, context, identityPolicies, Statement.Kind.IDENTITY);
        Optional<Verdict> session = sessionPolicy
                .map(policy -> verdict(request, context, List.of(policy), Statement.Kind.IDENTITY));
        if (identity.deny() != null) {
            return identity.deny();
        }
        if (session.isPresent() && session.get().deny() != null) {
            return session.get().deny();
        }
        if (identity.allow() != null && session.map(s -> s.allow() != null).orElse(true)) {
            return identity.allow();
        }
        return Decision.IMPLICIT_DENY;
    }

    /** Resource-based policy with Principal (a role trust policy): is principalArn allowed the action? */
    public Decision evaluateResourcePolicy(AuthorizationRequest request, NamedPolicy resourcePolicy) {
        Objects.requireNonNull(request, "request");
        Verdict verdict = verdict(request, new RequestContext(request.context()), List.of(resourcePolicy),
                Statement.Kind.RESOURCE);
        if (verdict.deny() != null) {
            return verdict.deny();
        }
        return verdict.allow() != null ? verdict.allow() : Decision.IMPLICIT_DENY;
    }

    private static Verdict verdict(AuthorizationRequest request, RequestContext context, List<NamedPolicy> policies,
                                   Statement.Kind kind) {
        Decision deny = null;
        Decision allow = null;
        for (NamedPolicy policy : Objects.requireNonNull(policies, "policies")) {
            List<JsonNode> statements = statements(policy);
            Optional<RequestContext> policyContext = contextForVersion(policy, context);
            if (statements == null || policyContext.isEmpty()) {
                LOG.warning(() -> "Policy " + policy.name() + " is not a policy document (no Statement object or"
                        + " list, or a Version other than 2012-10-17 and 2008-10-17); treated as a Deny of everything");
                deny = deny != null ? deny
                        : new Decision(Outcome.EXPLICITLY_DENIED, policy.name(), UNREADABLE_DOCUMENT);
                continue;
            }
            for (int i = 0; i < statements.size(); i++) {
                Statement statement = new Statement(statements.get(i), i);
                if (!applies(statement, request, policyContext.get(), kind, policy.name())) {
                    continue;
                }
                // A statement only applies with a readable effect (or, unreadable, as a Deny).
                if (statement.effect().orElseThrow() == Statement.Effect.DENY) {
                    deny = deny != null ? deny : new Decision(Outcome.EXPLICITLY_DENIED, policy.name(), statement.id());
                } else {
                    allow = allow != null ? allow : new Decision(Outcome.ALLOWED, policy.name(), statement.id());
                }
            }
        }
        return new Verdict(deny, allow);
    }

    /** Whether a statement applies; one that cannot be read applies only if it is a Deny (fail closed). */
    private static boolean applies(Statement statement, AuthorizationRequest request, RequestContext context,
                                   Statement.Kind kind, String policyName) {
        try {
            return statement.applies(request, context, kind);
        } catch (UnsupportedPolicyException e) {
            boolean deny = statement.effect().map(effect -> effect == Statement.Effect.DENY).orElse(false);
            LOG.warning(() -> "Policy " + policyName + " statement " + statement.id() + ": " + e.getMessage()
                    + (deny ? "; this Deny is taken to apply" : "; this statement allows nothing"));
            return deny;
        }
    }

    /** Policy variables exist from Version 2012-10-17 on; older or unversioned policies read them literally. */
    private static Optional<RequestContext> contextForVersion(NamedPolicy policy, RequestContext context) {
        JsonNode version = policy.document() == null ? null : policy.document().get("Version");
        if (version == null) {
            return Optional.of(context.withoutPolicyVariables());
        }
        return switch (version.asText()) {
            case "2012-10-17" -> Optional.of(context);
            case "2008-10-17" -> Optional.of(context.withoutPolicyVariables());
            default -> Optional.empty();
        };
    }

    /** The statements, or null when the document has no readable Statement (an object or a list). */
    private static List<JsonNode> statements(NamedPolicy policy) {
        JsonNode document = policy.document();
        JsonNode statement = document == null || !document.isObject() ? null : document.get("Statement");
        if (statement != null && statement.isObject()) {
            return List.of(statement);
        }
        if (statement != null && statement.isArray()) {
            List<JsonNode> statements = new ArrayList<>();
            statement.forEach(statements::add);
            return statements;
        }
        return null;
    }
}
