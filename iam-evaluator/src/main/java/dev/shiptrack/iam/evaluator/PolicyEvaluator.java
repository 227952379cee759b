package dev.shiptrack.iam.evaluator;

import java.util.List;
import java.util.Optional;

/** Evaluates IAM policies the way AWS IAM does; anything it does not understand fails closed. */
public final class PolicyEvaluator {

    /** Identity policies of the role intersected with the optional session policy; explicit Deny in any wins. */
    public Decision evaluate(AuthorizationRequest request, List<NamedPolicy> identityPolicies,
                             Optional<NamedPolicy> sessionPolicy) {
        return Decision.IMPLICIT_DENY;
    }

    /** Resource-based policy with Principal (a role trust policy): is principalArn allowed the action? */
    public Decision evaluateResourcePolicy(AuthorizationRequest request, NamedPolicy resourcePolicy) {
        return Decision.IMPLICIT_DENY;
    }
}
