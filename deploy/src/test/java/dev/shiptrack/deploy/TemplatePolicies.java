package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Every IAM policy document a synthesized template carries, whichever resource type holds it. */
final class TemplatePolicies {

    enum Kind { IDENTITY, TRUST, RESOURCE, KEY }

    /** One document and where it came from. */
    record Found(String logicalId, String type, Kind kind, JsonNode document) {
    }

    private TemplatePolicies() {
    }

    static List<Found> all(JsonNode template) {
        List<Found> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            String type = entry.getValue().path("Type").asText();
            JsonNode properties = entry.getValue().path("Properties");
            switch (type) {
                case "AWS::IAM::Role" -> {
                    found.add(new Found(id, type, Kind.TRUST, properties.path("AssumeRolePolicyDocument")));
                    properties.path("Policies").forEach(inline ->
                            found.add(new Found(id, type, Kind.IDENTITY, inline.path("PolicyDocument"))));
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                        found.add(new Found(id, type, Kind.IDENTITY, properties.path("PolicyDocument")));
                case "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy" ->
                        found.add(new Found(id, type, Kind.RESOURCE, properties.path("PolicyDocument")));
                case "AWS::OpenSearchService::Domain" ->
                        found.add(new Found(id, type, Kind.RESOURCE, properties.path("AccessPolicies")));
                case "AWS::KMS::Key" -> found.add(new Found(id, type, Kind.KEY, properties.path("KeyPolicy")));
                default -> {
                    // Other resource types carry no IAM policy document.
                }
            }
        }
        return found;
    }

    /** The statements of a document, one object or an array. */
    static List<JsonNode> statements(JsonNode document) {
        JsonNode statement = document.path("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(statements::add);
        } else if (statement.isObject()) {
            statements.add(statement);
        }
        return statements;
    }

    /** A string or a list of strings, as IAM allows for Action and Resource. */
    static List<String> strings(JsonNode node) {
        List<String> strings = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> strings.add(element.asText()));
        } else if (!node.isMissingNode()) {
            strings.add(node.asText());
        }
        return strings;
    }

    /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, ...]}} points at. */
    static String referencedId(JsonNode reference) {
        if (reference.has("Ref")) {
            return reference.get("Ref").asText();
        }
        if (reference.has("Fn::GetAtt")) {
            return reference.get("Fn::GetAtt").get(0).asText();
        }
        throw new IllegalArgumentException("Not a reference: " + reference);
    }
}
