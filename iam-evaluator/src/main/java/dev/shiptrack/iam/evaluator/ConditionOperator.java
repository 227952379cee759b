package dev.shiptrack.iam.evaluator;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * A condition operator as written in a policy, e.g. {@code ForAllValues:StringLikeIfExists}: an optional set
 * qualifier, a base comparison and an optional {@code IfExists}. Unknown operators are refused
 * ({@link UnsupportedPolicyException}) so that the caller fails closed.
 */
record ConditionOperator(String name, SetQualifier set, Comparison comparison, boolean negated, boolean ifExists) {

    enum SetQualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    /** How one policy value compares with one request value. */
    enum Outcome { MATCH, NO_MATCH, INVALID }

    /** The positive comparisons; negated operators ({@code StringNotLike}...) reuse them. */
    enum Comparison {
        STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE, ARN_LIKE,
        NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
        NUMERIC_GREATER_THAN_EQUALS, BOOL, NULL;

        Outcome compare(String policyValue, String requestValue, RequestContext context) {
            return switch (this) {
                case STRING_EQUALS -> regex(policyValue, requestValue, context, false, false);
                case STRING_EQUALS_IGNORE_CASE -> regex(policyValue, requestValue, context, false, true);
                case STRING_LIKE -> regex(policyValue, requestValue, context, true, false);
                case ARN_LIKE -> arn(policyValue, requestValue, context);
                case NUMERIC_EQUALS -> numeric(policyValue, requestValue, c -> c == 0);
                case NUMERIC_LESS_THAN -> numeric(policyValue, requestValue, c -> c < 0);
                case NUMERIC_LESS_THAN_EQUALS -> numeric(policyValue, requestValue, c -> c <= 0);
                case NUMERIC_GREATER_THAN -> numeric(policyValue, requestValue, c -> c > 0);
                case NUMERIC_GREATER_THAN_EQUALS -> numeric(policyValue, requestValue, c -> c >= 0);
                case BOOL -> bool(policyValue, requestValue, context);
                case NULL -> throw new IllegalStateException("Null compares key presence, not values");
            };
        }
    }

    private static final String FOR_ALL_VALUES = "forallvalues:";
    private static final String FOR_ANY_VALUE = "foranyvalue:";
    private static final String IF_EXISTS = "ifexists";

    /** Reads an operator name; IAM operator names are matched case-insensitively, as iam-simulate does. */
    static ConditionOperator parse(String name) {
        String rest = name.toLowerCase(Locale.ROOT);
        SetQualifier set = SetQualifier.NONE;
        if (rest.startsWith(FOR_ALL_VALUES)) {
            set = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring(FOR_ALL_VALUES.length());
        } else if (rest.startsWith(FOR_ANY_VALUE)) {
            set = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring(FOR_ANY_VALUE.length());
        }
        boolean ifExists = rest.endsWith(IF_EXISTS) && !rest.equals(IF_EXISTS);
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        return switch (rest) {
            case "stringequals" -> new ConditionOperator(name, set, Comparison.STRING_EQUALS, false, ifExists);
            case "stringnotequals" -> new ConditionOperator(name, set, Comparison.STRING_EQUALS, true, ifExists);
            case "stringequalsignorecase" ->
                    new ConditionOperator(name, set, Comparison.STRING_EQUALS_IGNORE_CASE, false, ifExists);
            case "stringnotequalsignorecase" ->
                    new ConditionOperator(name, set, Comparison.STRING_EQUALS_IGNORE_CASE, true, ifExists);
            case "stringlike" -> new ConditionOperator(name, set, Comparison.STRING_LIKE, false, ifExists);
            case "stringnotlike" -> new ConditionOperator(name, set, Comparison.STRING_LIKE, true, ifExists);
            // IAM documents ArnEquals and ArnLike as the same comparison (both take wildcards).
            case "arnequals", "arnlike" -> new ConditionOperator(name, set, Comparison.ARN_LIKE, false, ifExists);
            case "arnnotequals", "arnnotlike" -> new ConditionOperator(name, set, Comparison.ARN_LIKE, true, ifExists);
            case "numericequals" -> new ConditionOperator(name, set, Comparison.NUMERIC_EQUALS, false, ifExists);
            case "numericnotequals" -> new ConditionOperator(name, set, Comparison.NUMERIC_EQUALS, true, ifExists);
            case "numericlessthan" -> new ConditionOperator(name, set, Comparison.NUMERIC_LESS_THAN, false, ifExists);
            case "numericlessthanequals" ->
                    new ConditionOperator(name, set, Comparison.NUMERIC_LESS_THAN_EQUALS, false, ifExists);
            case "numericgreaterthan" ->
                    new ConditionOperator(name, set, Comparison.NUMERIC_GREATER_THAN, false, ifExists);
            case "numericgreaterthanequals" ->
                    new ConditionOperator(name, set, Comparison.NUMERIC_GREATER_THAN_EQUALS, false, ifExists);
            case "bool" -> new ConditionOperator(name, set, Comparison.BOOL, false, ifExists);
            case "null" -> new ConditionOperator(name, set, Comparison.NULL, false, ifExists);
            default -> throw new UnsupportedPolicyException("unsupported condition operator " + name);
        };
    }

    private static Outcome regex(String policyValue, String requestValue, RequestContext context, boolean wildcards,
                                 boolean ignoreCase) {
        Optional<Pattern> pattern = IamString.compile(policyValue, context, wildcards, ignoreCase);
        if (pattern.isEmpty()) {
            return Outcome.INVALID;
        }
        return pattern.get().matcher(requestValue).matches() ? Outcome.MATCH : Outcome.NO_MATCH;
    }

    /** ARNs compare segment by segment: a wildcard never spans the colons before the resource part. */
    private static Outcome arn(String policyValue, String requestValue, RequestContext context) {
        String[] policy = Arns.split(policyValue);
        String[] request = Arns.split(requestValue);
        if (policy == null || request == null) {
            return Outcome.INVALID;
        }
        for (int i = 0; i < policy.length; i++) {
            Optional<Pattern> pattern = IamString.compile(policy[i], context, true, false);
            if (pattern.isEmpty()) {
                return Outcome.INVALID;
            }
            if (!pattern.get().matcher(request[i]).matches()) {
                return Outcome.NO_MATCH;
            }
        }
        return Outcome.MATCH;
    }

    /** Compares the request value with the policy value: {@code test} gets sign(request - policy). */
    private static Outcome numeric(String policyValue, String requestValue, IntPredicate test) {
        try {
            BigDecimal policy = new BigDecimal(policyValue);
            BigDecimal request = new BigDecimal(requestValue);
            return test.test(request.compareTo(policy)) ? Outcome.MATCH : Outcome.NO_MATCH;
        } catch (NumberFormatException e) {
            return Outcome.INVALID;
        }
    }

    private static Outcome bool(String policyValue, String requestValue, RequestContext context) {
        Optional<String> resolved = IamString.resolve(policyValue, context);
        if (resolved.isEmpty() || !isBoolean(resolved.get()) || !isBoolean(requestValue)) {
            return Outcome.INVALID;
        }
        return resolved.get().equalsIgnoreCase(requestValue) ? Outcome.MATCH : Outcome.NO_MATCH;
    }

    private static boolean isBoolean(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }
}
