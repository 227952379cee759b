package dev.shiptrack.iam.evaluator;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The condition keys of one request, looked up case-insensitively as IAM does. */
final class RequestContext {

    /**
     * Keys IAM types as ArrayOf...: they are sets even when they hold one value, so a single-valued operator never
     * matches them (a set operator is required) and they cannot be used as policy variables.
     */
    private static final Set<String> MULTI_VALUED_KEYS = Set.of(
            "aws:tagkeys", "aws:calledvia", "aws:principalservicenameslist",
            "dynamodb:leadingkeys", "dynamodb:attributes", "dynamodb:firstpartitionkeyvalues",
            "dynamodb:secondpartitionkeyvalues", "dynamodb:thirdpartitionkeyvalues",
            "dynamodb:fourthpartitionkeyvalues", "s3:requestobjecttagkeys", "kms:encryptioncontextkeys",
            "kms:grantoperations", "kms:resourcealiases", "sts:transitivetagkeys");

    private final Map<String, List<String>> values;
    private final boolean policyVariables;

    RequestContext(Map<String, List<String>> context) {
        this.values = new HashMap<>();
        this.policyVariables = true;
        context.forEach((key, keyValues) -> values.put(normalize(key), keyValues == null ? List.of() : keyValues));
    }

    private RequestContext(Map<String, List<String>> values, boolean policyVariables) {
        this.values = values;
        this.policyVariables = policyVariables;
    }

    /**
     * The same keys for a policy written before policy variables existed (Version 2008-10-17, or none): IAM reads
     * its {@code ${...}} as literal text.
     */
    RequestContext withoutPolicyVariables() {
        return new RequestContext(values, false);
    }

    /** Whether {@code ${...}} in the policy being evaluated is a policy variable rather than literal text. */
    boolean policyVariables() {
        return policyVariables;
    }

    /** Whether IAM types the key as a set of strings (ArrayOfString). */
    static boolean isMultiValued(String key) {
        return MULTI_VALUED_KEYS.contains(normalize(key));
    }

    boolean contains(String key) {
        return values.containsKey(normalize(key));
    }

    /** All values of a key, for set operators; empty when the key is absent or has an empty set. */
    List<String> all(String key) {
        return values.getOrDefault(normalize(key), List.of());
    }

    /**
     * The value of a key that is present with exactly one value and not typed as a set; empty otherwise, which makes
     * a single-valued operator fail.
     */
    Optional<String> single(String key) {
        List<String> keyValues = values.get(normalize(key));
        if (keyValues == null || keyValues.size() != 1 || isMultiValued(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(keyValues.get(0));
    }

    /**
     * The value a policy variable {@code ${key}} resolves to. An empty value is treated as unresolvable, so an
     * empty tag can never turn {@code ${aws:PrincipalTag/TenantID}/*} into a pattern that spans tenants.
     */
    Optional<String> variable(String key) {
        return single(key).filter(value -> !value.isEmpty());
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
