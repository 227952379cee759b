package dev.shiptrack.localaws.iam;

import dev.shiptrack.iam.evaluator.NamedPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who signed a request, as the policies see them.
 *
 * @param arn               the caller's ARN: an assumed-role session
 *                          ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}), a role ARN for a
 *                          long-term key mapped to a role, or the account root
 * @param roleArn           the IAM role ARN ({@code aws:PrincipalArn}); equal to {@code arn} for long-term keys
 * @param sessionName       the session name; null for long-term keys
 * @param tags              session tags ({@code aws:PrincipalTag/<key>}), keys as given
 * @param transitiveTagKeys tags that carry over when this session assumes another role
 * @param identityPolicies  the role's identity policies; empty for the account root
 * @param sessionPolicy     the inline session policy passed to AssumeRole, if any
 * @param expiration        when the credentials stop working; null for long-term keys
 */
public record Principal(String arn, String roleArn, String sessionName, Map<String, String> tags,
                        Set<String> transitiveTagKeys, List<NamedPolicy> identityPolicies,
                        Optional<NamedPolicy> sessionPolicy, boolean accountRoot, Instant expiration) {

    public Principal {
        tags = Map.copyOf(tags);
        transitiveTagKeys = Set.copyOf(transitiveTagKeys);
        identityPolicies = List.copyOf(identityPolicies);
    }

    /** A long-term key: a role ARN (its identity policies apply) or the account root (everything is allowed). */
    public static Principal longTerm(String arn, List<NamedPolicy> identityPolicies, boolean accountRoot) {
        return new Principal(arn, arn, null, Map.of(), Set.of(), identityPolicies, Optional.empty(), accountRoot,
                null);
    }

    public String account() {
        return arn.split(":", 6)[4];
    }
}
