package dev.shiptrack.localaws.iam;

import dev.shiptrack.iam.evaluator.NamedPolicy;

import java.util.List;

/**
 * An IAM role the edge knows: who may assume it (trust policy) and what its sessions may do (identity policies).
 *
 * @param arn e.g. {@code arn:aws:iam::123456789012:role/TrackingAccessRole}
 */
public record Role(String name, String arn, NamedPolicy trustPolicy, List<NamedPolicy> identityPolicies) {

    public Role {
        identityPolicies = List.copyOf(identityPolicies);
    }
}
