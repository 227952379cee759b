package dev.shiptrack.localaws.iam;

import dev.shiptrack.iam.evaluator.NamedPolicy;
import dev.shiptrack.localaws.sigv4.SigV4;

import java.util.List;
import java.util.Locale;

/**
 * An IAM role the edge knows: who may assume it (trust policy) and what its sessions may do (identity policies).
 *
 * @param arn e.g. {@code arn:aws:iam::123456789012:role/TrackingAccessRole}
 */
public record Role(String name, String arn, NamedPolicy trustPolicy, List<NamedPolicy> identityPolicies) {

    public Role {
        identityPolicies = List.copyOf(identityPolicies);
    }

    /** A stable role id ({@code AROA...}) for a role ARN, as IAM gives every role one. */
    public static String idOf(String roleArn) {
        return "AROA" + SigV4.sha256Hex(roleArn).substring(0, 17).toUpperCase(Locale.ROOT);
    }
}
