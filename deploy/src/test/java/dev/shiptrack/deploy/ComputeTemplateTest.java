package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What each compute target runs, and under which role. */
class ComputeTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                            "TENANT_TVM_TENANT_CLAIM", TenantIdentity.COGNITO_TENANT_CLAIM)))));
        }
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "shipment-service-lambda",
                "VpcConfig", Match.objectLike(Map.of("SubnetIds", Match.anyValue())),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "SHIPMENT_TENANT_ROLE_ARN", Match.anyValue(),
                        "SHIPMENT_DATABASE_STRATEGY", "per-tenant-user",
                        "SHIPMENT_MIGRATE_AT_START", "false",
                        "SHIPMENT_MIGRATION_PASSWORD", Match.absent())))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "tracking-service-lambda",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "TRACKING_ACCESS_ROLE_ARN", Match.anyValue(),
                        "TRACKING_TABLE", Map.of("Ref", Match.anyValue()),
                        "TRACKING_OPENSEARCH_DOMAIN", "tracking-lambda")))));
        template.resourceCountIs("AWS::Lambda::Function", 2);
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 2);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0"));
    }

    @Test
    void shouldVerifyTheTokenAtBothApisBeforeInvokingAFunction() {
        Template template = SynthesizedStacks.of(Compute.LAMBDA).template();
        String client = template.findResources("AWS::Cognito::UserPoolClient").keySet().iterator().next();
        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 2);
        template.allResourcesProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of("Audience", List.of(Map.of("Ref", client)), "Issuer", Match.anyValue())));
        template.allResourcesProperties("AWS::ApiGatewayV2::Route", Map.of(
                "RouteKey", "$default", "AuthorizationType", "JWT", "AuthorizerId", Match.anyValue()));
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
                            "Environment", Match.arrayWith(List.of(Map.of("Name", "TENANT_TVM_TENANT_CLAIM",
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
                        "Environment", Match.arrayWith(List.of(Map.of("Name", "TRACKING_SERVICE_URL",
                                "Value", "http://tracking.shiptrack-" + stage + ".local:8081"))),
                        // The migration password comes from Secrets Manager at start, not from the task definition.
                        "Secrets", List.of(Map.of("Name", ServiceEnvironment.SHIPMENT_MIGRATION_PASSWORD,
                                "ValueFrom", Match.anyValue())))))));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internet-facing"));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 80));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 8081));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "HealthCheckPath", "/q/health/live", "TargetType", "ip"));
    }

    @Test
    void shouldBuildEachImageFromTheNativeDockerfileWithNothingButDockerfilesAndTheExecutable() throws IOException {
        SynthesizedStacks.Synthesized fargate = SynthesizedStacks.of(Compute.FARGATE);
        JsonNode images = JSON.readTree(fargate.assembly().resolve("ShipTrack-fargate.assets.json").toFile())
                .path("dockerImages");
        assertThat(images.size()).isEqualTo(2);
        for (JsonNode image : images) {
            assertThat(image.path("source").path("dockerFile").asText())
                    .isEqualTo("src/main/docker/Dockerfile.native-micro");
            assertThat(image.path("source").path("platform").asText()).isEqualTo("linux/amd64");
            Path context = fargate.assembly().resolve(image.path("source").path("directory").asText());
            try (Stream<Path> files = Files.walk(context)) {
                assertThat(files.filter(Files::isRegularFile).map(file -> context.relativize(file).toString()))
                        .contains("src/main/docker/Dockerfile.native-micro")
                        .allMatch(file -> file.startsWith("src/main/docker/") || file.matches("target/[^/]+-runner"));
            }
        }
    }

    @Test
    void shouldPackageThePlaceholderWhenNoFunctionZipWasBuilt() throws IOException {
        SynthesizedStacks.Synthesized lambda = SynthesizedStacks.of(Compute.LAMBDA);
        Assumptions.assumeFalse(lambda.settings().hasNativeFunctionZip(ServiceEnvironment.TRACKING_SERVICE)
                || lambda.settings().hasNativeFunctionZip(ServiceEnvironment.SHIPMENT_SERVICE), "native zips exist");
        JsonNode files = JSON.readTree(lambda.assembly().resolve("ShipTrack-lambda.assets.json").toFile())
                .path("files");
        List<Path> placeholders = new ArrayList<>();
        files.forEach(file -> {
            Path staged = lambda.assembly().resolve(file.path("source").path("path").asText());
            if (Files.isDirectory(staged)) {
                placeholders.add(staged);
            }
        });
        assertThat(placeholders).hasSize(1);
        assertThat(placeholders.get(0).resolve("bootstrap")).isExecutable();
        assertThat(Files.readString(placeholders.get(0).resolve("bootstrap"))).contains("-Dnative -Plambda");
    }

    private static String capitalized(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
