package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.PolicyDocuments;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.Role;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyBinderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stack stack = new Stack(new App(), "Binding");
    private final IRole trackingService = Role.fromRoleArn(stack, "TrackingService",
            "arn:aws:iam::111122223333:role/TrackingServiceRole-test");

    @Test
    void shouldBindPlaceholdersToTokensAndKeepThePolicyVariables() {
        PolicyBinder binder = new PolicyBinder(values(Map.of("table", Aws.STACK_NAME)));

        JsonNode bound = resolve(binder.identityPolicy(PolicyDocuments.TRACKING_ACCESS_POLICY));

        String text = bound.toString();
        assertThat(text).contains("{\"Ref\":\"AWS::AccountId\"}").contains("{\"Ref\":\"AWS::StackName\"}")
                .contains("${aws:PrincipalTag/TenantID}#*").doesNotContain("{{").doesNotContain("cdkreferencemarker");
    }

    @Test
    void shouldRefuseAPlainValueThatCouldWidenTheGrant() {
        PolicyBinder binder = new PolicyBinder(values(Map.of("bucket", "tracking-*")));

        assertThatThrownBy(() -> binder.identityPolicy(PolicyDocuments.TRACKING_ACCESS_POLICY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{bucket}}");
    }

    @Test
    void shouldPointTheTrustPolicyAtTheBoundRole() {
        PolicyBinder binder = new PolicyBinder(values(Map.of())).bindRole("TrackingServiceRole", trackingService);

        JsonNode trust = resolve(binder.trustPolicy(PolicyDocuments.TRACKING_ACCESS_ROLE_TRUST));

        assertThat(PolicyDocuments.statementsOf(trust)).allSatisfy(statement ->
                assertThat(statement.path("Principal").path("AWS").asText())
                        .isEqualTo("arn:aws:iam::111122223333:role/TrackingServiceRole-test"));
    }

    @Test
    void shouldRefuseARoleTheStackDoesNotCreate() {
        PolicyBinder binder = new PolicyBinder(values(Map.of()));

        assertThatThrownBy(() -> binder.trustPolicy(PolicyDocuments.TRACKING_ACCESS_ROLE_TRUST))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TrackingServiceRole");
    }

    private static Map<String, String> values(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("account", Aws.ACCOUNT_ID, "region", "us-east-1",
                "table", "TrackingData-test", "bucket", "tracking-documents-test", "domain", "tracking-test",
                "dbClusterResourceId", "cluster-ABC"));
        values.putAll(overrides);
        return values;
    }

    private JsonNode resolve(PolicyDocument document) {
        return JSON.valueToTree(stack.resolve(document));
    }
}
