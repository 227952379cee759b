package dev.shiptrack.iam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shiptrack.iam.IamSimulator.Decision;

/** Requests to the deployed table against hydrated policy documents, each with the decision it must get. */
final class PolicyCases {

    static final String ACCOUNT = "123456789012";
    static final String TABLE = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/TrackingData";
    private static final Map<String, String> DEPLOYMENT = Map.of("region", "us-east-1", "account", ACCOUNT,
            "table", "TrackingData", "bucket", "tracking-documents", "domain", "tracking",
            "dbClusterResourceId", "cluster-ABC");

    private final List<IamSimulator.Case> cases = new ArrayList<>();
    private final Map<String, Decision> expected = new HashMap<>();

    static JsonNode hydrated(String document) {
        return PolicyHydrator.hydrate(PolicyDocuments.load(document), DEPLOYMENT);
    }

    /**
     * @param leadingKeys {@code dynamodb:LeadingKeys}, null when the request carries none
     * @param tenant      the session's TenantID tag, null for the service's own (untagged) identity
     */
    void add(String role, JsonNode policy, String action, String resource, List<String> leadingKeys,
             String tenant, Decision decision) {
        Map<String, Object> context = new HashMap<>();
        if (leadingKeys != null) {
            context.put("dynamodb:LeadingKeys", leadingKeys);
        }
        if (tenant != null) {
            context.put("aws:PrincipalTag/TenantID", tenant);
            context.put("aws:PrincipalTag/StorageModel", "pool");
        }
        String id = role + " " + action + " " + resource + " " + context;
        String principal = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + (tenant == null ? "i-0abc" : tenant);
        cases.add(new IamSimulator.Case(id, principal, action, resource, ACCOUNT, context, List.of(policy), null));
        expected.put(id, decision);
    }

    /** The independent evaluator's decision for every case added. */
    Map<String, Decision> evaluate() {
        return IamSimulator.installed().evaluate(cases);
    }

    Map<String, Decision> expected() {
        return expected;
    }
}
