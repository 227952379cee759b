package dev.shiptrack.localaws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the partition key values a Query asks for, in a {@code KeyConditionExpression} (with its expression
 * attribute names and values) or in legacy {@code KeyConditions}.
 */
final class KeyConditions {

    private static final String NAME = "(#?[A-Za-z0-9_.\\-]+)";
    private static final String VALUE = "(:[A-Za-z0-9_]+)";
    private static final Pattern NAME_EQUALS_VALUE =
            Pattern.compile("(?<![<>=!])" + NAME + "\\s*=\\s*" + VALUE);
    private static final Pattern VALUE_EQUALS_NAME =
            Pattern.compile(VALUE + "\\s*=(?![<>=])\\s*" + NAME);

    private KeyConditions() {
    }

    /** Values of {@code partitionKey} compared with {@code =}; empty if the query names none. */
    static List<JsonNode> partitionKeyValues(JsonNode query, String partitionKey) {
        List<JsonNode> values = new ArrayList<>();
        String expression = query.path("KeyConditionExpression").asText(null);
        if (expression != null) {
            JsonNode names = query.path("ExpressionAttributeNames");
            JsonNode attributeValues = query.path("ExpressionAttributeValues");
            Matcher forward = NAME_EQUALS_VALUE.matcher(expression);
            while (forward.find()) {
                addIfPartitionKey(values, resolve(forward.group(1), names), partitionKey,
                        attributeValues.get(forward.group(2)));
            }
            Matcher backward = VALUE_EQUALS_NAME.matcher(expression);
            while (backward.find()) {
                addIfPartitionKey(values, resolve(backward.group(2), names), partitionKey,
                        attributeValues.get(backward.group(1)));
            }
        }
        JsonNode condition = query.path("KeyConditions").path(partitionKey);
        if (condition.isObject() && "EQ".equals(condition.path("ComparisonOperator").asText())) {
            condition.path("AttributeValueList").forEach(values::add);
        }
        return values;
    }

    private static String resolve(String name, JsonNode names) {
        return name.startsWith("#") ? names.path(name).asText(name) : name;
    }

    private static void addIfPartitionKey(List<JsonNode> values, String name, String partitionKey, JsonNode value) {
        if (name.equals(partitionKey) && value != null) {
            values.add(value);
        }
    }
}
