package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders in a parsed policy document. Placeholders are replaced inside JSON string
 * values only, so no value can change the structure of the document, and values are refused when they carry
 * IAM wildcard or policy-variable syntax ({@code * ? $ { }}), so no value can widen what the document grants.
 */
public final class PolicyHydrator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");
    private static final Pattern WIDENING = Pattern.compile("[*?${}]");

    private PolicyHydrator() {
    }

    /**
     * Returns a hydrated copy of {@code template}.
     *
     * @throws IllegalArgumentException if a placeholder has no value, or a value could widen the policy
     */
    public static ObjectNode hydrate(ObjectNode template, Map<String, String> values) {
        values.forEach((name, value) -> {
            if (value == null || value.isEmpty() || WIDENING.matcher(value).find()) {
                throw new IllegalArgumentException("Value for placeholder {{" + name
                        + "}} must be non-empty and free of IAM wildcards and variables");
            }
        });
        ObjectNode copy = template.deepCopy();
        hydrateIn(copy, values);
        return copy;
    }

    private static void hydrateIn(JsonNode node, Map<String, String> values) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(fill(field.getValue().asText(), values)));
                } else {
                    hydrateIn(field.getValue(), values);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(fill(array.get(i).asText(), values)));
                } else {
                    hydrateIn(array.get(i), values);
                }
            }
        }
    }

    /** One pass over the template text: replaced values are never scanned again for placeholders. */
    private static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for placeholder {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
