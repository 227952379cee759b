package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The four roles of seed 001 as CloudFormation will create them, on both compute targets. */
class TenantAccessRolesTemplateTest {

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldRunEachServiceAsAServiceRoleTheComputeTargetAssumes(Compute compute) {
        String runtime = compute == Compute.LAMBDA ? "lambda.amazonaws.com" : "ecs-tasks.amazonaws.com";
        for (String role : List.of("TrackingServiceRole", "ShipmentServiceRole")) {
            template(compute).hasResourceProperties("AWS::IAM::Role", Map.of(
                    "RoleName", role + "-" + stage(compute),
                    "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                            "Action", "sts:AssumeRole", "Effect", "Allow", "Principal", Map.of("Service", runtime))))));
        }
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldTrustOnlyTheCreatedServiceRoleAndTagSessionsOnlyWithATenantId(Compute compute) {
        for (String service : List.of("Tracking", "Shipment")) {
            String serviceRole = logicalIdOfRole(compute, service + "ServiceRole");
            Map<String, Object> principal = Map.of("AWS", Map.of("Fn::GetAtt", List.of(serviceRole, "Arn")));
            template(compute).hasResourceProperties("AWS::IAM::Role", Match.objectEquals(Map.of(
                    "RoleName", service + "AccessRole-" + stage(compute),
                    "AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                            Map.of("Sid", service + "ServiceMayAssume", "Effect", "Allow", "Principal", principal,
                                    "Action", "sts:AssumeRole"),
                            Map.of("Sid", service + "ServiceMayTagTenant", "Effect", "Allow", "Principal", principal,
                                    "Action", "sts:TagSession", "Condition", tagCondition(service)))),
                    "MaxSessionDuration", 3600,
                    "Description", Match.anyValue(),
                    "Tags", Match.anyValue())));
        }
    }

    /** Tracking sessions must also say where the tenant's items live (docs/tenant-routing.md, "Silo storage"). */
    private static Map<String, Object> tagCondition(String service) {
        Map<String, Object> tenantTag = Map.of("StringLike", Map.of("aws:RequestTag/TenantID", "*"));
        return service.equals("Tracking")
                ? Map.of("StringLike", Map.of("aws:RequestTag/TenantID", "*"),
                        "StringEquals", Map.of("aws:RequestTag/StorageModel", List.of("pool", "silo")))
                : tenantTag;
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldGiveServiceRolesNothingButTheirAccessRoleAndRuntimeBasics(Compute compute) {
        for (String service : List.of("Tracking", "Shipment")) {
            String serviceRole = logicalIdOfRole(compute, service + "ServiceRole");
            List<JsonNode> attached = policiesAttachedTo(compute, serviceRole);
            assertThat(attached).as(service + "ServiceRole's policies").hasSize(1);
            assertThat(attached.get(0).path("PolicyName").asText()).isEqualTo(service + "ServiceRolePolicy");

            JsonNode role = SynthesizedStacks.of(compute).resources().path(serviceRole).path("Properties");
            List<String> managed = new ArrayList<>();
            role.path("ManagedPolicyArns").forEach(arn -> managed.add(IamGuardrailsTest.flatten(arn)));
            assertThat(managed).allSatisfy(arn -> assertThat(arn).matches(
                    ".*:iam::aws:policy/service-role/AWSLambda(Basic|VPCAccess)ExecutionRole\""));
            if (compute == Compute.FARGATE) {
                assertThat(managed).isEmpty();
            }
            assertThat(role.has("Policies")).as("no inline policies").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAttachTheAccessPoliciesOnlyToTheAccessRoles(Compute compute) {
        for (String service : List.of("Tracking", "Shipment")) {
            String accessRole = logicalIdOfRole(compute, service + "AccessRole");
            template(compute).hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                    "ManagedPolicyName", service + "AccessPolicy-" + stage(compute),
                    "Roles", List.of(Map.of("Ref", accessRole))));
            assertThat(policiesAttachedTo(compute, accessRole)).hasSize(1);
            JsonNode role = SynthesizedStacks.of(compute).resources().path(accessRole).path("Properties");
            assertThat(role.has("ManagedPolicyArns")).isFalse();
            assertThat(role.has("Policies")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldConditionEveryTrackingGrantOnTheTenantTag(Compute compute) {
        String tenant = "${aws:PrincipalTag/TenantID}";
        template(compute).hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                "ManagedPolicyName", "TrackingAccessPolicy-" + stage(compute),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Map.of("Sid", "DenySessionsWithoutTenant", "Effect", "Deny", "Action", "*", "Resource", "*",
                                "Condition", Map.of("Null", Map.of("aws:PrincipalTag/TenantID", "true"))),
                        Match.objectLike(Map.of("Sid", "TenantItemsInPooledTable", "Condition", Map.of(
                                "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(tenant + "#*"))))),
                        Match.objectLike(Map.of("Sid", "ListOnlyTenantPrefix", "Condition", Map.of(
                                "StringLike", Map.of("s3:prefix", List.of(tenant + "/*"))))),
                        Match.objectLike(Map.of("Sid", "UseOnlyKeysTaggedForTenant", "Condition", Map.of(
                                "StringEquals", Map.of("aws:ResourceTag/TenantID", tenant)))))))));
    }

    private static List<JsonNode> policiesAttachedTo(Compute compute, String roleLogicalId) {
        List<JsonNode> attached = new ArrayList<>();
        SynthesizedStacks.of(compute).resources().forEach(resource -> {
            String type = resource.path("Type").asText();
            if (type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy")) {
                resource.path("Properties").path("Roles").forEach(role -> {
                    if (TemplatePolicies.referencedId(role).equals(roleLogicalId)) {
                        attached.add(resource.path("Properties"));
                    }
                });
            }
        });
        return attached;
    }

    static String logicalIdOfRole(Compute compute, String contractName) {
        Map<String, Map<String, Object>> roles = template(compute).findResources("AWS::IAM::Role", Map.of(
                "Properties", Map.of("RoleName", contractName + "-" + stage(compute))));
        assertThat(roles).as(contractName).hasSize(1);
        return roles.keySet().iterator().next();
    }

    private static Template template(Compute compute) {
        return SynthesizedStacks.of(compute).template();
    }

    private static String stage(Compute compute) {
        return SynthesizedStacks.of(compute).settings().stage();
    }
}
