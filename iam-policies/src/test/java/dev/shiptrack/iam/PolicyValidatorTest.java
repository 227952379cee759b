package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> VALUES = Map.of("tenant", "yellow", "table", "TrackingData",
            "bucket", "tracking-documents", "domain", "tracking", "region", "us-east-1", "account", "123456789012");

    @Test
    void shouldAcceptEveryPermissionTemplateOnceHydrated() {
        for (String name : List.of("dynamodb-leading-key", "opensearch-index-per-tenant", "s3-prefix-per-tenant",
                "kms-key-by-tenant-tag")) {
            String compact = PolicyValidator.validateSessionPolicy(
                    PolicyHydrator.hydrate(PolicyDocuments.permissionTemplate(name), VALUES));
            assertThat(compact).as(name).startsWith("{\"Version\":\"2012-10-17\"").doesNotContain("{{");
        }
    }

    @Test
    void shouldAcceptAllTemplatesMergedWithinTheSessionPolicyLimit() {
        List<ObjectNode> hydrated = new ArrayList<>();
        for (String name : List.of("dynamodb-leading-key", "opensearch-index-per-tenant", "s3-prefix-per-tenant",
                "kms-key-by-tenant-tag")) {
            hydrated.add(PolicyHydrator.hydrate(PolicyDocuments.permissionTemplate(name), VALUES));
        }

        String compact = PolicyValidator.validateSessionPolicy(PolicyDocuments.merge(hydrated));

        assertThat(compact.length()).isLessThanOrEqualTo(PolicyValidator.SESSION_POLICY_MAX_CHARS);
        assertThat(PolicyDocuments.statementsOf(PolicyDocuments.merge(hydrated))).hasSize(5);
    }

    @Test
    void shouldRefuseASessionPolicyOverTheSizeLimit() {
        ObjectNode policy = PolicyHydrator.hydrate(PolicyDocuments.permissionTemplate("dynamodb-leading-key"),
                Map.of("tenant", "yellow", "table", "T".repeat(2100), "region", "us-east-1", "account", "1"));

        assertThatThrownBy(() -> PolicyValidator.validateSessionPolicy(policy))
                .isInstanceOf(PolicyValidator.InvalidPolicyException.class)
                .hasMessageContaining("STS accepts at most 2048");
    }

    @Test
    void shouldRefuseMalformedPolicies() throws Exception {
        String[] malformed = {
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
        };
        for (String json : malformed) {
            assertThatThrownBy(() -> PolicyValidator.validateIdentityPolicy(JSON.readTree(json)))
                    .as(json)
                    .isInstanceOf(PolicyValidator.InvalidPolicyException.class);
        }
    }

    @Test
    void shouldRefuseTwoStatementsWithTheSameSid() {
        ObjectNode template = PolicyDocuments.permissionTemplate("dynamodb-leading-key");

        assertThatThrownBy(() -> PolicyDocuments.merge(List.of(template, template)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TenantItemsByLeadingKey");
    }

    @Test
    void shouldAcceptEveryDeployedRolePolicy() {
        for (String name : List.of(PolicyDocuments.TRACKING_SERVICE_ROLE_POLICY, PolicyDocuments.TRACKING_ACCESS_POLICY,
                PolicyDocuments.SHIPMENT_SERVICE_ROLE_POLICY, PolicyDocuments.SHIPMENT_ACCESS_POLICY,
                PolicyDocuments.TENANT_ROLE_POLICY, PolicyDocuments.ISOLATION_WATCHDOG_ROLE_POLICY)) {
            PolicyValidator.validateIdentityPolicy(PolicyDocuments.load(name));
        }
    }

    @Test
    void shouldRefuseAnUnknownOrUnsafeTemplateName() {
        assertThatThrownBy(() -> PolicyDocuments.permissionTemplate("../tracking-access-policy"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyDocuments.permissionTemplate("no-such-template"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
