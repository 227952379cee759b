package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyHydratorTest {

    private static final Map<String, String> VALUES = Map.of(
            "tenant", "yellow", "table", "TrackingData", "region", "us-east-1", "account", "123456789012");

    @Test
    void shouldFillPlaceholdersInsideStringValues() {
        ObjectNode policy = PolicyHydrator.hydrate(PolicyDocuments.permissionTemplate("dynamodb-leading-key"), VALUES);

        var statement = policy.get("Statement").get(0);
        assertThat(statement.get("Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData",
                "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData-yellow");
        assertThat(statement.at("/Condition/ForAllValues:StringLike/dynamodb:LeadingKeys/0").asText())
                .isEqualTo("yellow#*");
    }

    @Test
    void shouldKeepAValueThatLooksLikeJsonInsideOneString() {
        ObjectNode template = (ObjectNode) PolicyDocuments.permissionTemplate("dynamodb-leading-key");
        String injection = "x\"],\"Effect\":\"Allow\",\"Action\":\"dynamodb:Scan";

        ObjectNode policy = PolicyHydrator.hydrate(template, Map.of("tenant", injection, "table", "T",
                "region", "us-east-1", "account", "123456789012"));

        assertThat(policy.get("Statement")).hasSize(1);
        assertThat(policy.at("/Statement/0/Condition/ForAllValues:StringLike/dynamodb:LeadingKeys/0").asText())
                .isEqualTo(injection + "#*");
        assertThat(policy.at("/Statement/0/Action").toString())
                .isEqualTo("[\"dynamodb:GetItem\",\"dynamodb:BatchGetItem\",\"dynamodb:Query\",\"dynamodb:PutItem\"]");
    }

    @Test
    void shouldRefuseValuesThatWidenThePolicy() {
        ObjectNode template = PolicyDocuments.permissionTemplate("s3-prefix-per-tenant");
        for (String widening : new String[] {"*", "ye?low", "${aws:PrincipalTag/TenantID}", "a{b}"}) {
            assertThatThrownBy(() -> PolicyHydrator.hydrate(template, Map.of("tenant", widening, "bucket", "b")))
                    .as(widening)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("{{tenant}}");
        }
    }

    @Test
    void shouldRefuseATemplateWithAPlaceholderLeftUnfilled() {
        ObjectNode template = PolicyDocuments.permissionTemplate("s3-prefix-per-tenant");

        assertThatThrownBy(() -> PolicyHydrator.hydrate(template, Map.of("tenant", "yellow")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value for placeholder {{bucket}}");
    }
}
