package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.IamSimulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small builders for the unit tests: policies from JSON text, requests, condition checks, and requests as
 * iam-simulate cases.
 */
final class TestPolicies {

    static final String OBJECT = "arn:aws:s3:::tracking-documents/yellow/s-1/pod.pdf";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    private TestPolicies() {
    }

    /** A policy named {@code name} holding the given statements (JSON objects). */
    static NamedPolicy policy(String name, String... statements) {
        return document(name, "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
    }

    static NamedPolicy document(String name, String json) {
        try {
            return new NamedPolicy(name, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Condition keys from pairs: {@code context("k1", "v1", "k2", "v2")}; single-valued. */
    static Map<String, List<String>> context(String... pairs) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            context.put(pairs[i], List.of(pairs[i + 1]));
        }
        return context;
    }

    static AuthorizationRequest request(String action, String resource, Map<String, List<String>> context) {
        return new AuthorizationRequest("arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/s-1", action,
                resource, context);
    }

    static Decision evaluate(AuthorizationRequest request, NamedPolicy... identityPolicies) {
        return EVALUATOR.evaluate(request, List.of(identityPolicies), Optional.empty());
    }

    /** Whether {@code condition} (a Condition block) holds for a request with {@code context}. */
    static boolean holds(String condition, Map<String, List<String>> context) {
        NamedPolicy policy = policy("p", "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + condition + "}");
        return evaluate(request("s3:GetObject", OBJECT, context), policy).allowed();
    }

    /**
     * {@code request} as an iam-simulate case in the resource account {@code accountId}; its condition keys as
     * iam-simulate takes them: a set-typed key as a list, any other as a string.
     *
     * @param sessionPolicy null for none
     */
    static IamSimulator.Case simulatorCase(String id, AuthorizationRequest request, String accountId,
                                           List<JsonNode> identityPolicies, JsonNode sessionPolicy) {
        Map<String, Object> context = new LinkedHashMap<>();
        request.context().forEach((key, values) ->
                context.put(key, RequestContext.isMultiValued(key) ? values : values.get(0)));
        return new IamSimulator.Case(id, request.principalArn(), request.action(), request.resourceArn(), accountId,
                context, identityPolicies, sessionPolicy);
    }
}
