package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed policy document and the name decisions report it by. */
public record NamedPolicy(String name, JsonNode document) {
}
