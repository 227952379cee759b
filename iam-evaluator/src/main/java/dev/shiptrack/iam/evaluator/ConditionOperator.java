package dev.shiptrack.iam.evaluator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * A condition operator as written in a policy, e.g. {@code ForAllValues:StringLikeIfExists}: an optional set
 * qualifier, a base comparison and an optional {@code IfExists}. Unknown operators are refused
 * ({@link UnsupportedPolicyException}) so that the caller fails closed.
 */
record ConditionOperator(SetQualifier set, Comparison comparison, boolean negated, boolean ifExists) {

    enum SetQualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    /** How one policy value compares with one request value; INVALID: not comparable (unresolvable, not a number). */
    enum ValueMatch { MATCH, NO_MATCH, INVALID }

    /** The positive comparisons; negated operators ({@code StringNotLike}...) reuse them. */
    enum Comparison {
        STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE, ARN_LIKE,
        NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
        NUMERIC_GREATER_THAN_EQUALS, DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN,
        DATE_GREATER_THAN_EQUALS, BOOL, NULL;

        ValueMatch compare(String policyValue, String requestValue, RequestContext context) {
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
                case DATE_EQUALS -> date(policyValue, requestValue, c -> c == 0);
                case DATE_LESS_THAN -> date(policyValue, requestValue, c -> c < 0);
                case DATE_LESS_THAN_EQUALS -> date(policyValue, requestValue, c -> c <= 0);
                case DATE_GREATER_THAN -> date(policyValue, requestValue, c -> c > 0);
                case DATE_GREATER_THAN_EQUALS -> date(policyValue, requestValue, c -> c >= 0);
                case BOOL -> bool(policyValue, requestValue, context);
                case NULL -> throw new IllegalStateException("Null compares key presence, not values");
            };
        }
    }

    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?(0|[1-9]\\d{0,17})");
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
            case "stringequals" -> new ConditionOperator(set, Comparison.STRING_EQUALS, false, ifExists);
            case "stringnotequals" -> new ConditionOperator(set, Comparison.STRING_EQUALS, true, ifExists);
            case "stringequalsignorecase" ->
                    new ConditionOperator(set, Comparison.STRING_EQUALS_IGNORE_CASE, false, ifExists);
            case "stringnotequalsignorecase" ->
                    new ConditionOperator(set, Comparison.STRING_EQUALS_IGNORE_CASE, true, ifExists);
            case "stringlike" -> new ConditionOperator(set, Comparison.STRING_LIKE, false, ifExists);
            case "stringnotlike" -> new ConditionOperator(set, Comparison.STRING_LIKE, true, ifExists);
            // IAM documents ArnEquals and ArnLike as the same comparison (both take wildcards).
            case "arnequals", "arnlike" -> new ConditionOperator(set, Comparison.ARN_LIKE, false, ifExists);
            case "arnnotequals", "arnnotlike" -> new ConditionOperator(set, Comparison.ARN_LIKE, true, ifExists);
            case "numericequals" -> new ConditionOperator(set, Comparison.NUMERIC_EQUALS, false, ifExists);
            case "numericnotequals" -> new ConditionOperator(set, Comparison.NUMERIC_EQUALS, true, ifExists);
            case "numericlessthan" -> new ConditionOperator(set, Comparison.NUMERIC_LESS_THAN, false, ifExists);
            case "numericlessthanequals" ->
                    new ConditionOperator(set, Comparison.NUMERIC_LESS_THAN_EQUALS, false, ifExists);
            case "numericgreaterthan" ->
                    new ConditionOperator(set, Comparison.NUMERIC_GREATER_THAN, false, ifExists);
            case "numericgreaterthanequals" ->
                    new ConditionOperator(set, Comparison.NUMERIC_GREATER_THAN_EQUALS, false, ifExists);
            case "dateequals" -> new ConditionOperator(set, Comparison.DATE_EQUALS, false, ifExists);
            case "datenotequals" -> new ConditionOperator(set, Comparison.DATE_EQUALS, true, ifExists);
            case "datelessthan" -> new ConditionOperator(set, Comparison.DATE_LESS_THAN, false, ifExists);
            case "datelessthanequals" ->
                    new ConditionOperator(set, Comparison.DATE_LESS_THAN_EQUALS, false, ifExists);
            case "dategreaterthan" -> new ConditionOperator(set, Comparison.DATE_GREATER_THAN, false, ifExists);
            case "dategreaterthanequals" ->
                    new ConditionOperator(set, Comparison.DATE_GREATER_THAN_EQUALS, false, ifExists);
            case "bool" -> new ConditionOperator(set, Comparison.BOOL, false, ifExists);
            case "null" -> new ConditionOperator(set, Comparison.NULL, false, ifExists);
            default -> throw new UnsupportedPolicyException("unsupported condition operator " + name);
        };
    }

    private static ValueMatch regex(String policyValue, String requestValue, RequestContext context, boolean wildcards,
                                 boolean ignoreCase) {
        Optional<Glob> pattern = IamString.compile(policyValue, context, wildcards, ignoreCase);
        if (pattern.isEmpty()) {
            return ValueMatch.INVALID;
        }
        return pattern.get().matches(requestValue) ? ValueMatch.MATCH : ValueMatch.NO_MATCH;
    }

    /** ARNs compare segment by segment: a wildcard never spans the colons before the resource part. */
    private static ValueMatch arn(String policyValue, String requestValue, RequestContext context) {
        String[] policy = Arns.split(policyValue);
        String[] request = Arns.split(requestValue);
        if (policy == null || request == null) {
            return ValueMatch.INVALID;
        }
        for (int i = 0; i < policy.length; i++) {
            Optional<Glob> pattern = IamString.compile(policy[i], context, true, false);
            if (pattern.isEmpty()) {
                return ValueMatch.INVALID;
            }
            if (!pattern.get().matches(request[i])) {
                return ValueMatch.NO_MATCH;
            }
        }
        return ValueMatch.MATCH;
    }

    /** Compares the request value with the policy value: {@code test} gets sign(request - policy). */
    private static ValueMatch numeric(String policyValue, String requestValue, IntPredicate test) {
        try {
            BigDecimal policy = new BigDecimal(policyValue);
            BigDecimal request = new BigDecimal(requestValue);
            return test.test(request.compareTo(policy)) ? ValueMatch.MATCH : ValueMatch.NO_MATCH;
        } catch (NumberFormatException e) {
            return ValueMatch.INVALID;
        }
    }

    /** Compares two dates: {@code test} gets sign(request - policy). */
    private static ValueMatch date(String policyValue, String requestValue, IntPredicate test) {
        Optional<Instant> policy = instant(policyValue);
        Optional<Instant> request = instant(requestValue);
        if (policy.isEmpty() || request.isEmpty()) {
            return ValueMatch.INVALID;
        }
        return test.test(request.get().compareTo(policy.get())) ? ValueMatch.MATCH : ValueMatch.NO_MATCH;
    }

    /**
     * A date as IAM takes it: whole seconds since the epoch ({@code aws:EpochTime}), or W3C/ISO-8601 with a zone
     * ({@code 2030-01-01T00:00:00Z}, {@code ...+01:00}) or as a day ({@code 2030-01-01}, midnight UTC). A time
     * without a zone is refused: its instant would depend on the machine's zone.
     */
    private static Optional<Instant> instant(String value) {
        if (EPOCH_SECONDS.matcher(value).matches()) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notDay) {
                return Optional.empty();
            }
        }
    }

    private static ValueMatch bool(String policyValue, String requestValue, RequestContext context) {
        Optional<String> resolved = IamString.resolve(policyValue, context);
        if (resolved.isEmpty() || !isBoolean(resolved.get()) || !isBoolean(requestValue)) {
            return ValueMatch.INVALID;
        }
        return resolved.get().equalsIgnoreCase(requestValue) ? ValueMatch.MATCH : ValueMatch.NO_MATCH;
    }

    private static boolean isBoolean(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }
}
