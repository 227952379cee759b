package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates the deployed TrackingAccessPolicy with the independent evaluator: each tenant reaches its own items,
 * index and prefix, and no other tenant's, including tenants whose ids share a prefix; a pooled session reaches no
 * silo table (not even one named after itself) and a silo session (yellow2) only its own silo table, never the pooled one.
 */
class TrackingAccessPolicyIsolationTest {

    private static final String ACCOUNT = "123456789012";
    private static final Map<String, String> DEPLOYMENT = Map.of("region", "us-east-1", "account", ACCOUNT,
            "table", "TrackingData", "bucket", "tracking-documents", "domain", "tracking");
    private static final List<String> TENANTS = List.of("yellow", "yel", "blue", "yellow2");
    private static final String SILO_TENANT = "yellow2";
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/TrackingData";

    @Test
    void shouldAllowEachTenantOnlyItsOwnData() {
        JsonNode policy = PolicyHydrator.hydrate(PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_POLICY), DEPLOYMENT);
        List<IamSimulator.Case> cases = new ArrayList<>();
        Map<String, IamSimulator.Decision> expected = new HashMap<>();
        for (String caller : TENANTS) {
            for (String owner : TENANTS) {
                IamSimulator.Decision decision = caller.equals(owner)
                        ? IamSimulator.Decision.Allowed : IamSimulator.Decision.ImplicitlyDenied;
                boolean silo = caller.equals(SILO_TENANT);
                add(cases, expected, caller, "dynamodb:Query", TABLE_ARN,
                        Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1")), policy,
                        silo ? IamSimulator.Decision.ImplicitlyDenied : decision);
                add(cases, expected, caller, "dynamodb:PutItem", TABLE_ARN + "-" + owner,
                        Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1")), policy,
                        silo ? decision : IamSimulator.Decision.ImplicitlyDenied);
                add(cases, expected, caller, "es:ESHttpPost", "arn:aws:es:us-east-1:" + ACCOUNT + ":domain/tracking/"
                        + owner + "-tracking/_search", Map.of(), policy, decision);
                add(cases, expected, caller, "s3:GetObject", "arn:aws:s3:::tracking-documents/" + owner + "/s-1/pod.pdf",
                        Map.of(), policy, decision);
                add(cases, expected, caller, "s3:ListBucket", "arn:aws:s3:::tracking-documents",
                        Map.of("s3:prefix", owner + "/s-1/"), policy, decision);
            }
            add(cases, expected, caller, "dynamodb:Scan", TABLE_ARN, Map.of(), policy,
                    IamSimulator.Decision.ImplicitlyDenied);
            add(cases, expected, caller, "dynamodb:Scan", TABLE_ARN + "-" + caller, Map.of(), policy,
                    IamSimulator.Decision.ImplicitlyDenied);
            add(cases, expected, caller, "dynamodb:PutItem", caller.equals(SILO_TENANT) ? TABLE_ARN + "-" + caller
                            : TABLE_ARN, Map.of("dynamodb:LeadingKeys", List.of(caller + "#_tenant")), policy,
                    IamSimulator.Decision.ExplicitlyDenied);
        }

        Map<String, IamSimulator.Decision> actual = IamSimulator.installed().evaluate(cases);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldExplicitlyDenyASessionWithoutTenantTag() {
        JsonNode policy = PolicyHydrator.hydrate(PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_POLICY), DEPLOYMENT);
        IamSimulator.Case untagged = new IamSimulator.Case("untagged", principal("none"), "s3:GetObject",
                "arn:aws:s3:::tracking-documents/yellow/s-1/pod.pdf", ACCOUNT, Map.of(), List.of(policy), null);

        assertThat(IamSimulator.installed().evaluate(List.of(untagged)))
                .containsEntry("untagged", IamSimulator.Decision.ExplicitlyDenied);
    }

    @Test
    void shouldLetASessionWithoutStorageModelTagReachNoTable() {
        JsonNode policy = PolicyHydrator.hydrate(PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_POLICY), DEPLOYMENT);
        Map<String, Object> tenantOnly = Map.of("aws:PrincipalTag/TenantID", "yellow",
                "dynamodb:LeadingKeys", List.of("yellow#s-1"));
        List<IamSimulator.Case> cases = List.of(
                new IamSimulator.Case("pooled", principal("yellow"), "dynamodb:GetItem", TABLE_ARN, ACCOUNT,
                        tenantOnly, List.of(policy), null),
                new IamSimulator.Case("silo", principal("yellow"), "dynamodb:GetItem", TABLE_ARN + "-yellow", ACCOUNT,
                        tenantOnly, List.of(policy), null));

        assertThat(IamSimulator.installed().evaluate(cases)).isEqualTo(Map.of(
                "pooled", IamSimulator.Decision.ImplicitlyDenied, "silo", IamSimulator.Decision.ImplicitlyDenied));
    }

    private static void add(List<IamSimulator.Case> cases, Map<String, IamSimulator.Decision> expected, String caller,
                            String action, String resource, Map<String, Object> keys, JsonNode policy,
                            IamSimulator.Decision decision) {
        String id = caller + " " + action + " " + resource + " " + keys;
        Map<String, Object> context = new HashMap<>(keys);
        context.put("aws:PrincipalTag/TenantID", caller);
        context.put("aws:PrincipalTag/StorageModel", caller.equals(SILO_TENANT) ? "silo" : "pool");
        cases.add(new IamSimulator.Case(id, principal(caller), action, resource, ACCOUNT, context, List.of(policy), null));
        expected.put(id, decision);
    }

    private static String principal(String session) {
        return "arn:aws:sts::" + ACCOUNT + ":assumed-role/TrackingAccessRole/" + session;
    }
}
