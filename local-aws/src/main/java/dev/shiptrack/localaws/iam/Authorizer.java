package dev.shiptrack.localaws.iam;

import dev.shiptrack.iam.evaluator.AuthorizationRequest;
import dev.shiptrack.iam.evaluator.Decision;
import dev.shiptrack.iam.evaluator.NamedPolicy;
import dev.shiptrack.iam.evaluator.Outcome;
import dev.shiptrack.iam.evaluator.PolicyEvaluator;
import dev.shiptrack.localaws.audit.AuditRecord;
import dev.shiptrack.localaws.audit.AuditTrail;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Decides requests with the project's IAM evaluator, adding the global condition keys IAM would add, and writes
 * every decision to the audit trail.
 */
public final class Authorizer {

    /** The account root is not governed by identity policies; decisions for it name this pseudo-policy. */
    public static final String ACCOUNT_ROOT = "account-root";
    private static final String REQUEST_TAG = "aws:RequestTag/";

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final String region;

    public Authorizer(AuditTrail auditTrail, Clock clock, String region) {
        this.auditTrail = auditTrail;
        this.clock = clock;
        this.region = region;
    }

    /** Identity-based authorization of a data-plane or STS call: the caller's role policies and session policy. */
    public Decision authorize(Principal caller, AccessCheck check) {
        Decision decision = caller.accountRoot()
                ? new Decision(Outcome.ALLOWED, ACCOUNT_ROOT, null)
                : evaluator.evaluate(request(caller, check.action(), check.resourceArn(), caller.arn(),
                        check.context()), caller.identityPolicies(), caller.sessionPolicy());
        audit(caller, check, decision);
        return decision;
    }

    /** Resource-based authorization: does the trust policy of a role let the caller (as its role ARN) in? */
    public Decision authorizeByTrustPolicy(Principal caller, AccessCheck check, NamedPolicy trustPolicy) {
        Decision decision = evaluator.evaluateResourcePolicy(
                request(caller, check.action(), check.resourceArn(), caller.roleArn(), check.context()),
                trustPolicy);
        audit(caller, check, decision);
        return decision;
    }

    private AuthorizationRequest request(Principal caller, String action, String resourceArn, String principalArn,
                                         Map<String, List<String>> serviceContext) {
        Instant now = clock.instant();
        Map<String, List<String>> context = new HashMap<>(serviceContext);
        caller.tags().forEach((key, value) -> context.put("aws:PrincipalTag/" + key, List.of(value)));
        context.put("aws:PrincipalArn", List.of(caller.roleArn()));
        context.put("aws:PrincipalAccount", List.of(caller.account()));
        context.put("aws:PrincipalType", List.of(caller.accountRoot() ? "Account"
                : caller.sessionName() != null ? "AssumedRole" : "Role"));
        context.put("aws:RequestedRegion", List.of(region));
        context.put("aws:SecureTransport", List.of("false"));
        context.put("aws:CurrentTime", List.of(now.toString()));
        context.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        return new AuthorizationRequest(principalArn, action, resourceArn, context);
    }

    private void audit(Principal caller, AccessCheck check, Decision decision) {
        Map<String, String> requestTags = new TreeMap<>();
        check.context().forEach((key, values) -> {
            if (key.startsWith(REQUEST_TAG) && !values.isEmpty()) {
                requestTags.put(key.substring(REQUEST_TAG.length()), values.get(0));
            }
        });
        auditTrail.record(new AuditRecord(clock.instant(), caller.arn(), caller.sessionName(), caller.tags(),
                requestTags, check.action(), check.resourceArn(), decision.outcome().name(),
                decision.decidingPolicy(), decision.decidingStatement()));
    }

    /**
     * {@link #authorize Authorizes} the checks in order and stops at the first denial.
     *
     * @return the {@link #deniedMessage} of the first denied check, or empty if every check is allowed
     */
    public Optional<String> firstDenial(Principal caller, List<AccessCheck> checks) {
        for (AccessCheck check : checks) {
            Decision decision = authorize(caller, check);
            if (!decision.allowed()) {
                return Optional.of(deniedMessage(caller, check, decision));
            }
        }
        return Optional.empty();
    }

    /** The message AWS gives when it refuses, e.g. for an {@code AccessDenied} error. */
    private static String deniedMessage(Principal caller, AccessCheck check, Decision decision) {
        String reason = decision.outcome() == Outcome.EXPLICITLY_DENIED
                ? "with an explicit deny in " + Optional.ofNullable(decision.decidingPolicy()).orElse("a policy")
                : "because no identity-based policy allows the " + check.action() + " action";
        return notAuthorized(caller, check) + " " + reason;
    }

    /** The start of every refusal message: {@code User: <arn> is not authorized to perform: <action> on ...}. */
    public static String notAuthorized(Principal caller, AccessCheck check) {
        return "User: " + caller.arn() + " is not authorized to perform: " + check.action() + " on resource: "
                + check.resourceArn();
    }
}
