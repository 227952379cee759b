package dev.shiptrack.deploy;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

/** What each compute target runs, and under which role. */
class ComputeTemplateTest {

    @Test
    void shouldRunBothServicesAsNativeFunctionsUnderTheirServiceRoles() {
        Template template = SynthesizedStacks.of(Compute.LAMBDA).template();
        for (String service : List.of("tracking", "shipment")) {
            String role = TenantAccessRolesTemplateTest.logicalIdOfRole(Compute.LAMBDA,
                    capitalized(service) + "ServiceRole");
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", service + "-service-lambda",
                    "Runtime", "provided.al2023",
                    "Architectures", List.of("x86_64"),
                    "Role", Map.of("Fn::GetAtt", List.of(role, "Arn")),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "DISABLE_SIGNAL_HANDLERS", "true",
                            "SHIPTRACK_TENANT_CLAIM", TenantIdentity.COGNITO_TENANT_CLAIM,
                            "SHIPTRACK_ACCESS_ROLE_ARN", Match.anyValue())))));
        }
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "shipment-service-lambda",
                "VpcConfig", Match.objectLike(Map.of("SubnetIds", Match.anyValue()))));
        template.resourceCountIs("AWS::Lambda::Function", 2);
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 2);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0"));
    }

    @Test
    void shouldRunBothServicesOnFargateBehindOneLoadBalancerWithCloudMap() {
        Template template = SynthesizedStacks.of(Compute.FARGATE).template();
        String stage = SynthesizedStacks.of(Compute.FARGATE).settings().stage();
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.resourceCountIs("AWS::ECS::Service", 2);
        template.hasResourceProperties("AWS::ServiceDiscovery::PrivateDnsNamespace", Map.of(
                "Name", "shiptrack-" + stage + ".local"));
        for (String service : List.of("tracking", "shipment")) {
            String role = TenantAccessRolesTemplateTest.logicalIdOfRole(Compute.FARGATE,
                    capitalized(service) + "ServiceRole");
            template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                    "TaskRoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")),
                    "RequiresCompatibilities", List.of("FARGATE"),
                    "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                            "Environment", Match.arrayWith(List.of(Map.of("Name", "SHIPTRACK_TENANT_CLAIM",
                                    "Value", TenantIdentity.COGNITO_TENANT_CLAIM))))))));
            template.hasResourceProperties("AWS::ServiceDiscovery::Service", Map.of("Name", service));
            template.hasResourceProperties("AWS::ECS::Service", Map.of(
                    "ServiceName", service + "-service-" + stage,
                    "LaunchType", "FARGATE",
                    "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of(
                            "AssignPublicIp", "DISABLED")))));
        }
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Environment", Match.arrayWith(List.of(Map.of("Name", "SHIPTRACK_TRACKING_URL",
                                "Value", "http://tracking.shiptrack-" + stage + ".local:8081"))))))));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internet-facing"));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 80));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 8081));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "HealthCheckPath", "/q/health/ready", "TargetType", "ip"));
    }

    private static String capitalized(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
