package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
