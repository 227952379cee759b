package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control plane onboards tenants without touching IAM: its roles can change no IAM construct, and every data
 * grant of TenantProvisioningRole is scoped by the TenantID tag like TrackingAccessPolicy's.
 */
class ControlPlanePoliciesTest {

    @Test
    void shouldGiveTheControlPlaneNoIamActionAtAll() {
        for (String document : List.of(PolicyDocuments.TENANT_SERVICE_ROLE_POLICY,
                PolicyDocuments.TENANT_PROVISIONING_POLICY)) {
            assertThat(allowedActions(document)).as(document)
                    .noneMatch(action -> action.startsWith("iam:") || action.equals("*") || action.endsWith(":*"));
        }
    }

    @Test
    void shouldScopeEveryProvisioningGrantByTheTenantTag() {
        for (JsonNode statement : PolicyDocuments.statementsOf(PolicyDocuments.load(PolicyDocuments.TENANT_PROVISIONING_POLICY))) {
            if (statement.path("Effect").asText().equals("Allow")) {
                assertThat(statement.toString()).as(statement.path("Sid").asText())
                        .contains("${aws:PrincipalTag/TenantID}");
            }
        }
    }

    @Test
    void shouldQueryTheIndexThatOffboardingUses() {
        assertThat(PolicyDocuments.load(PolicyDocuments.TENANT_PROVISIONING_POLICY).toString())
                .contains("/index/" + TenantDataLayout.TENANT_ITEMS_INDEX + "\"");
    }

    @Test
    void shouldDenyTrackingServiceEveryWriteToTheTenantStatus() {
        JsonNode deny = PolicyDocuments.statementsOf(PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_POLICY)).stream()
                .filter(statement -> statement.path("Sid").asText().equals("TenantStatusIsWrittenOnlyByTheControlPlane"))
                .findFirst().orElseThrow();

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Condition").path("ForAnyValue:StringLike").path("dynamodb:LeadingKeys").get(0).asText())
                .isEqualTo("*" + TenantDataLayout.statusPartitionKey(""));
    }

    /**
     * Moving a tenant between the pooled table and its silo: the provisioning session of a tenant creates, fills,
     * scans and deletes the table named after its own TenantID only, and reads only its own pooled items.
     */
    @Test
    void shouldLetTheControlPlaneManageOnlyTheSiloTableNamedAfterTheTenant() {
        String account = "123456789012";
        JsonNode policy = PolicyHydrator.hydrate(PolicyDocuments.load(PolicyDocuments.TENANT_PROVISIONING_POLICY),
                Map.of("region", "us-east-1", "account", account, "table", "TrackingData", "bucket", "docs",
                        "domain", "tracking"));
        String table = "arn:aws:dynamodb:us-east-1:" + account + ":table/TrackingData";
        Map<String, IamSimulator.Decision> expected = new HashMap<>();
        List<IamSimulator.Case> cases = new ArrayList<>();
        for (String owner : List.of("yellow", "yellow2", "blue")) {
            IamSimulator.Decision decision = owner.equals("yellow")
                    ? IamSimulator.Decision.Allowed : IamSimulator.Decision.ImplicitlyDenied;
            Map<String, Object> ownerItems = Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1"));
            for (String action : List.of("CreateTable", "DescribeTable", "UpdateTimeToLive", "Scan", "DeleteTable")) {
                addProvisioning(cases, expected, "dynamodb:" + action, table + "-" + owner, Map.of(), policy, decision);
            }
            for (String action : List.of("BatchWriteItem", "PutItem", "DeleteItem", "BatchGetItem")) {
                addProvisioning(cases, expected, "dynamodb:" + action, table + "-" + owner, ownerItems, policy,
                        decision);
            }
            addProvisioning(cases, expected, "dynamodb:Query", table, ownerItems, policy, decision);
        }
        for (String action : List.of("CreateTable", "DeleteTable", "Scan")) {
            addProvisioning(cases, expected, "dynamodb:" + action, table, Map.of(), policy,
                    IamSimulator.Decision.ImplicitlyDenied);
        }
        addProvisioning(cases, expected, "dynamodb:BatchWriteItem", table + "-yellow",
                Map.of("dynamodb:LeadingKeys", List.of("yellow#s-1", "blue#s-1")), policy,
                IamSimulator.Decision.ImplicitlyDenied);

        assertThat(IamSimulator.installed().evaluate(cases)).isEqualTo(expected);
    }

    private static void addProvisioning(List<IamSimulator.Case> cases, Map<String, IamSimulator.Decision> expected,
                                        String action, String resource, Map<String, Object> keys, JsonNode policy,
                                        IamSimulator.Decision decision) {
        String id = action + " " + resource + " " + keys;
        Map<String, Object> context = new HashMap<>(keys);
        context.put("aws:PrincipalTag/TenantID", "yellow");
        cases.add(new IamSimulator.Case(id, "arn:aws:sts::123456789012:assumed-role/TenantProvisioningRole/yellow",
                action, resource, "123456789012", context, List.of(policy), null));
        expected.put(id, decision);
    }

    private static List<String> allowedActions(String document) {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : PolicyDocuments.statementsOf(PolicyDocuments.load(document))) {
            if (statement.path("Effect").asText().equals("Allow")) {
                JsonNode action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(each -> actions.add(each.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
        }
        return actions;
    }
}
