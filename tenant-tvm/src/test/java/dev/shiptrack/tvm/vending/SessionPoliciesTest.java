package dev.shiptrack.tvm.vending;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.PolicyValidator;
import dev.shiptrack.iam.PolicyValidator.InvalidPolicyException;
import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SessionPolicies policies(String templates, String table) {
        return new SessionPolicies(TestConfigs.abac(
                "tenant-tvm.permission-templates", templates,
                "tenant-tvm.template-values.table", table,
                "tenant-tvm.template-values.bucket", "tracking-documents",
                "tenant-tvm.template-values.domain", "tracking",
                "tenant-tvm.template-values.region", "us-east-1",
                "tenant-tvm.template-values.account", "123456789012"));
    }

    @Test
    void shouldHaveNoSessionPolicyWithoutTemplates() {
        assertThat(new SessionPolicies(TestConfigs.abac()).policyFor(new TenantId("acme"))).isEmpty();
    }

    @Test
    void shouldHydrateAndMergeTheTemplatesForTheTenant() throws Exception {
        SessionPolicies.SessionPolicy policy = policies("dynamodb-leading-key,s3-prefix-per-tenant", "TrackingData")
                .policyFor(new TenantId("acme")).orElseThrow();

        JsonNode document = JSON.readTree(policy.json());
        assertThat(document.get("Statement")).hasSize(3);
        assertThat(document.at("/Statement/0/Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData",
                "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData-acme");
        assertThat(document.at("/Statement/0/Condition/ForAllValues:StringLike/dynamodb:LeadingKeys/0").asText())
                .isEqualTo("acme#*");
        assertThat(document.at("/Statement/1/Resource").asText()).isEqualTo("arn:aws:s3:::tracking-documents/acme/*");
        assertThat(policy.json()).doesNotContain("{{");
        assertThat(policy.hash()).isEqualTo(SessionPolicies.sha256(policy.json())).hasSize(64);
    }

    @Test
    void shouldGiveEachTenantItsOwnPolicyAndHash() {
        SessionPolicies policies = policies("dynamodb-leading-key", "TrackingData");

        SessionPolicies.SessionPolicy acme = policies.policyFor(new TenantId("acme")).orElseThrow();
        SessionPolicies.SessionPolicy globex = policies.policyFor(new TenantId("globex")).orElseThrow();

        assertThat(globex.json()).contains("globex#*").doesNotContain("acme");
        assertThat(globex.hash()).isNotEqualTo(acme.hash());
    }

    @Test
    void shouldKeepAValueThatTriesToInjectJsonInsideOneString() throws Exception {
        String injection = "TrackingData\"],\"Effect\":\"Allow\",\"Action\":[\"dynamodb:DeleteTable";

        SessionPolicies.SessionPolicy policy = policies("dynamodb-leading-key", injection)
                .policyFor(new TenantId("acme")).orElseThrow();

        JsonNode statement = JSON.readTree(policy.json()).at("/Statement/0");
        assertThat(statement.get("Action")).hasSize(4);
        assertThat(statement.get("Action").toString()).doesNotContain("DeleteTable\"");
        assertThat(statement.get("Resource")).extracting(JsonNode::asText)
                .containsExactly("arn:aws:dynamodb:us-east-1:123456789012:table/" + injection,
                        "arn:aws:dynamodb:us-east-1:123456789012:table/" + injection + "-acme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "Tracking*", "Tracking?", "${aws:username}", "{{tenant}}"})
    void shouldRefuseValuesThatWouldWidenThePolicy(String table) {
        assertThatThrownBy(() -> policies("dynamodb-leading-key", table)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseATenantTemplateValue() {
        assertThatThrownBy(() -> new SessionPolicies(TestConfigs.abac(
                "tenant-tvm.permission-templates", "dynamodb-leading-key",
                "tenant-tvm.template-values.tenant", "acme")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
    }

    @Test
    void shouldRefuseAtStartTemplatesThatWouldBeTooLongForTheLongestTenant() {
        // A test-only template with eight archive tables: fine for short tenant ids, too long for 32 characters.
        assertThatThrownBy(() -> policies("dynamodb-leading-key,test-archive-tables", "TrackingData"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("at most " + PolicyValidator.SESSION_POLICY_MAX_CHARS);
    }

    @Test
    void shouldRefuseAnUnknownTemplate() {
        assertThatThrownBy(() -> policies("no-such-template", "TrackingData"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
