package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a statement's {@code Condition} block: every operator and every key must hold (AND); the values listed
 * for one key are alternatives (OR). Set qualifiers follow IAM: {@code ForAllValues} holds for an absent or empty
 * set, {@code ForAnyValue} does not.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    /**
     * A condition that surely fails settles the block, even if another one cannot be read.
     *
     * @throws UnsupportedPolicyException when no condition surely fails and one has an unknown operator or is not
     *                                    {@code {operator: {key: value or [values]}}}
     */
    static boolean holds(JsonNode conditionBlock, RequestContext context) {
        if (!conditionBlock.isObject()) {
            throw new UnsupportedPolicyException("Condition is not an object");
        }
        List<BooleanSupplier> conditions = new ArrayList<>();
        conditionBlock.fields().forEachRemaining(entry -> conditions.add(() -> {
            ConditionOperator operator = ConditionOperator.parse(entry.getKey());
            if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                throw new UnsupportedPolicyException("condition operator " + entry.getKey() + " has no keys");
            }
            List<BooleanSupplier> keys = new ArrayList<>();
            entry.getValue().fields().forEachRemaining(key -> keys.add(() ->
                    holds(operator, key.getKey(), values(entry.getKey(), key.getKey(), key.getValue()), context)));
            return Statement.all(keys);
        }));
        return Statement.all(conditions);
    }

    static boolean holds(ConditionOperator operator, String key, List<String> policyValues, RequestContext context) {
        if (operator.comparison() == ConditionOperator.Comparison.NULL) {
            String expected = context.contains(key) ? "false" : "true";
            return policyValues.stream().anyMatch(expected::equalsIgnoreCase);
        }
        return switch (operator.set()) {
            case FOR_ALL_VALUES -> context.all(key).stream()
                    .allMatch(value -> holdsForOneValue(operator, policyValues, value, context));
            case FOR_ANY_VALUE -> (operator.ifExists() && !context.contains(key)) || context.all(key).stream()
                    .anyMatch(value -> holdsForOneValue(operator, policyValues, value, context));
            case NONE -> {
                if (!context.contains(key)) {
                    yield operator.ifExists() || operator.negated();
                }
                // A key typed as a set, or given several values, needs a set qualifier: otherwise it never matches.
                yield context.single(key)
                        .map(value -> holdsForOneValue(operator, policyValues, value, context))
                        .orElse(false);
            }
        };
    }

    /**
     * One request value against the policy's values: a positive operator needs one matching value, a negated one
     * needs every value to be valid and not to match (a value whose variable cannot be resolved fails either way).
     */
    private static boolean holdsForOneValue(ConditionOperator operator, List<String> policyValues, String requestValue,
                                            RequestContext context) {
        if (!operator.negated()) {
            return policyValues.stream().anyMatch(policyValue -> operator.comparison()
                    .compare(policyValue, requestValue, context) == ConditionOperator.ValueMatch.MATCH);
        }
        return policyValues.stream().allMatch(policyValue -> operator.comparison()
                .compare(policyValue, requestValue, context) == ConditionOperator.ValueMatch.NO_MATCH);
    }

    private static List<String> values(String operator, String key, JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> values.add(scalar(operator, key, element)));
        } else {
            values.add(scalar(operator, key, node));
        }
        if (values.isEmpty()) {
            throw new UnsupportedPolicyException("condition " + operator + " on " + key + " has no values");
        }
        return values;
    }

    private static String scalar(String operator, String key, JsonNode node) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new UnsupportedPolicyException("condition " + operator + " on " + key + " has a non-scalar value");
    }
}
