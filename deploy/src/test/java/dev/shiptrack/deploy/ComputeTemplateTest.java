package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What each compute target runs, and under which role. */
class ComputeTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRunEveryServiceAsANativeFunctionUnderItsServiceRole() {
        Template template = SynthesizedStacks.of(Compute.LAMBDA).template();
        for (String service : List.of("tracking", "shipment", "tenant")) {
            String role = TenantAccessRolesTemplateTest.logicalIdOfRole(Compute.LAMBDA,
                    capitalized(service) + "ServiceRole");
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", service + "-service-lambda",
                    "Runtime", "provided.al2023",
                    "Architectures", List.of("x86_64"),
                    "Role", Map.of("Fn::GetAtt", List.of(role, "Arn")),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "DISABLE_SIGNAL_HANDLERS", "true")))));
        }
        for (String service : List.of("tracking", "shipment")) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", service + "-service-lambda",
                    "Timeout", 30,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
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
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "tenant-service-lambda",
                "Timeout", 300,
                "VpcConfig", Match.objectLike(Map.of("SubnetIds", Match.anyValue()))));
        assertThat(serviceFunctions(template)).as("the services' functions").hasSize(3);
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 3);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0"));
    }

    @Test
    void shouldVerifyTheTokenAtEveryApiBeforeInvokingAFunction() {
        Template template = SynthesizedStacks.of(Compute.LAMBDA).template();
        String client = template.findResources("AWS::Cognito::UserPoolClient").keySet().iterator().next();
        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 3);
        template.allResourcesProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of("Audience", List.of(Map.of("Ref", client)), "Issuer", Match.anyValue())));
        template.allResourcesProperties("AWS::ApiGatewayV2::Route", Map.of(
                "RouteKey", "$default", "AuthorizationType", "JWT", "AuthorizerId", Match.anyValue()));
    }

    @Test
    void shouldRunEveryServiceOnFargateBehindOneLoadBalancerWithCloudMap() {
        Template template = SynthesizedStacks.of(Compute.FARGATE).template();
        String stage = SynthesizedStacks.of(Compute.FARGATE).settings().stage();
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.resourceCountIs("AWS::ECS::Service", 3);
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
                        "Secrets", Match.arrayWith(List.of(Map.of("Name",
                                ServiceEnvironment.SHIPMENT_MIGRATION_PASSWORD, "ValueFrom", Match.anyValue()))))))));
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internet-facing"));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 80));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 8081));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 8082));
        template.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "tenant-service-" + stage));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "HealthCheckPath", "/q/health/live", "TargetType", "ip"));
    }

    @Test
    void shouldBuildEachImageFromTheNativeDockerfileWithNothingButDockerfilesAndTheExecutable() throws IOException {
        SynthesizedStacks.Synthesized fargate = SynthesizedStacks.of(Compute.FARGATE);
        JsonNode images = JSON.readTree(fargate.assembly().resolve("ShipTrack-fargate.assets.json").toFile())
                .path("dockerImages");
        assertThat(images.size()).isEqualTo(3);
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
                || lambda.settings().hasNativeFunctionZip(ServiceEnvironment.SHIPMENT_SERVICE)
                || lambda.settings().hasNativeFunctionZip(ServiceEnvironment.TENANT_SERVICE), "native zips exist");
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

    /**
     * The control plane as deployed: the operator group's claim as roles, Cognito users, the database login as
     * tenant_provisioner with IAM tokens over TLS, the provisioning role, the stores; on both targets alike.
     */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldConfigureTenantServiceForCognitoAndAnIamDatabaseLogin(Compute compute) {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(compute);
        TemplateResolver resolver = new TemplateResolver(synthesized.json());
        Map<String, String> environment = tenantServiceEnvironment(synthesized, resolver);

        assertThat(environment).containsEntry("OIDC_AUDIENCE", TemplateResolver.USER_POOL_CLIENT_ID)
                .containsEntry("OIDC_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/" + TemplateResolver.USER_POOL_ID)
                .containsEntry("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "cognito:groups")
                .containsEntry("TENANT_SERVICE_OPERATOR_ROLE", "platform-operator")
                .containsEntry("TENANT_SERVICE_IDENTITY_PROVIDER", "cognito")
                .containsEntry("TENANT_SERVICE_IDENTITY_COGNITO_USER_POOL_ID", TemplateResolver.USER_POOL_ID)
                .containsEntry("QUARKUS_OIDC_CLIENT_CLIENT_ENABLED", "false")
                .containsEntry("TENANT_PROVISIONING_ROLE_ARN", "arn:aws:iam::" + TemplateResolver.ACCOUNT
                        + ":role/TenantProvisioningRole-" + synthesized.settings().stage())
                .containsEntry("TENANT_DB_USER", "tenant_provisioner")
                .containsEntry("QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER", "rds-iam")
                .containsEntry("TENANT_DB_ROLE_IAM", "true")
                .containsEntry("TRACKING_TABLE", "TrackingData-" + synthesized.settings().stage())
                .doesNotContainKeys("TENANT_DB_PASSWORD", "TENANT_ACCEPT_ADMIN_PASSWORD", "IDENTITY_ADMIN_CLIENT_SECRET");
        assertThat(environment.get("TENANT_DB_JDBC_URL"))
                .isEqualTo("jdbc:postgresql://" + TemplateResolver.DATABASE_WRITER + ":5432/shipments?sslmode=require");
        assertThat(environment.get("TRACKING_OPENSEARCH_ENDPOINT")).isEqualTo("https://" + TemplateResolver.DOMAIN_ENDPOINT);
    }

    /**
     * The request services route by hostname behind the edge, require its signature, and get the accepted secrets
     * from the stack's secret, never as text: CloudFormation resolves a dynamic reference into the function (Lambda),
     * ECS injects the secret into the container (Fargate). shipment-service gets the pooled table for the routes
     * registry under tracking-service's name for it.
     */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldRouteTheRequestServicesThroughTheEdge(Compute compute) {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(compute);
        String secret = onlyLogicalId(synthesized, "AWS::SecretsManager::Secret", "Name",
                "shiptrack-" + synthesized.settings().stage() + "/edge-secrets");
        String table = onlyLogicalId(synthesized, "AWS::DynamoDB::Table", "TableName",
                "TrackingData-" + synthesized.settings().stage());
        for (String service : List.of("tracking", "shipment")) {
            Map<String, JsonNode> environment = environmentOf(synthesized, service);
            assertThat(environment.get("TENANT_ROUTING_MODE").asText()).as(service).isEqualTo("host");
            assertThat(environment.get("TENANT_ROUTING_EDGE_MODE").asText()).as(service).isEqualTo("required");
            assertThat(environment.get("TENANT_ROUTING_BASE_DOMAIN").asText()).as(service)
                    .isEqualTo(DeploymentSettings.EXAMPLE_BASE_DOMAIN);
            assertThat(environment.get("TRACKING_TABLE")).as(service).isEqualTo(JSON.createObjectNode().put("Ref", table));
            JsonNode secrets = environment.get(ServiceEnvironment.EDGE_SECRETS);
            if (compute == Compute.LAMBDA) {
                assertThat(secrets.toString()).as(service).isEqualTo("{\"Fn::Join\":[\"\",[\"{{resolve:secretsmanager:\","
                        + "{\"Ref\":\"" + secret + "\"},\":SecretString:::}}\"]]}");
            } else {
                assertThat(secrets).as(service).isEqualTo(JSON.createObjectNode().put("Ref", secret));
            }
        }
        Map<String, JsonNode> tenant = environmentOf(synthesized, "tenant");
        assertThat(tenant.get("TENANT_SERVICE_ROUTING_BASE_DOMAIN").asText())
                .isEqualTo(DeploymentSettings.EXAMPLE_BASE_DOMAIN);
        // The control plane is not behind the edge: its callers are operators, no tenant comes from a hostname.
        assertThat(tenant).doesNotContainKeys("TENANT_ROUTING_MODE", "TENANT_ROUTING_EDGE_MODE",
                ServiceEnvironment.EDGE_SECRETS);
    }

    /** A new edgeSecretsRevision changes every Lambda function, the update that makes CloudFormation read the secret. */
    @Test
    void shouldMarkTheLambdaFunctionsWithTheEdgeSecretsRevision() {
        Template template = SynthesizedStacks.of(Compute.LAMBDA).template();
        for (String service : List.of("tracking", "shipment", "tenant")) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", service + "-service-lambda",
                    "Description", service + "-service, edge secrets revision 1"));
        }
    }

    private static String onlyLogicalId(SynthesizedStacks.Synthesized synthesized, String type, String property,
                                        String value) {
        List<String> ids = new ArrayList<>();
        synthesized.resources().fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)
                    && resource.getValue().path("Properties").path(property).asText().equals(value)) {
                ids.add(resource.getKey());
            }
        });
        assertThat(ids).as(type + " " + value).hasSize(1);
        return ids.get(0);
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAdmitOnlyShipmentAndTenantServiceToTheDatabase(Compute compute) {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(compute);
        JsonNode resources = synthesized.resources();
        List<String> sources = new ArrayList<>();
        resources.forEach(resource -> {
            JsonNode properties = resource.path("Properties");
            if (resource.path("Type").asText().equals("AWS::EC2::SecurityGroupIngress")
                    && properties.path("Description").asText().equals("logins with IAM authentication")) {
                sources.add(properties.path("SourceSecurityGroupId").path("Fn::GetAtt").path(0).asText());
            }
        });
        String service = compute == Compute.LAMBDA ? "FunctionSecurityGroup" : "SecurityGroup";
        assertThat(sources).hasSize(2).anyMatch(id -> id.contains("Shipment" + service))
                .anyMatch(id -> id.contains("Tenant" + service));
    }

    /** With an external issuer there is no user pool for tenant-service to manage: no control plane, and a warning. */
    @Test
    void shouldLeaveTheControlPlaneOutWithAnExternalIssuer() {
        App app = SynthesizedStacks.app(SynthesizedStacks.synthDirectory().resolve("external-issuer-assembly"),
                Map.of("oidcIssuer", "https://login.example.com/realms/tracking", "oidcClientId", "shiptrack"));
        ShipTrackStack stack = ShipTrackApp.build(app, DeploymentSettings.fromContext(app.getNode()));
        Template template = Template.fromStack(stack);

        assertThat(serviceFunctions(template)).as("the services' functions").hasSize(2);
        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 0);
        assertThat(template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "PolicyName", "TenantServiceIdentityPolicy")))).isEmpty();
        assertThat(template.findOutputs("TenantApiUrl")).isEmpty();
        Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp("tenant-service is not deployed.*"));
    }

    @Test
    void shouldGiveTheOperatorsAGroupOfTheUserPool() {
        Template template = SynthesizedStacks.of(Compute.LAMBDA).template();
        String pool = template.findResources("AWS::Cognito::UserPool").keySet().iterator().next();

        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 1);
        template.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of(
                "GroupName", TenantIdentity.OPERATOR_GROUP, "UserPoolId", Map.of("Ref", pool)));
        assertThat(template.findOutputs("TenantApiUrl")).hasSize(1);
    }

    private static Map<String, String> tenantServiceEnvironment(SynthesizedStacks.Synthesized synthesized,
                                                                TemplateResolver resolver) {
        Map<String, String> environment = new TreeMap<>();
        environmentOf(synthesized, "tenant").forEach((name, value) ->
                environment.put(name, resolver.resolve(value).asText()));
        return environment;
    }

    /**
     * A service's environment as the template holds it, unresolved: the variables of its Lambda function, or of its
     * container plus the secrets ECS injects into it.
     *
     * @param service {@code tracking}, {@code shipment} or {@code tenant}
     */
    static Map<String, JsonNode> environmentOf(SynthesizedStacks.Synthesized synthesized, String service) {
        Map<String, JsonNode> environment = new TreeMap<>();
        synthesized.resources().forEach(resource -> {
            JsonNode properties = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::Lambda::Function" -> {
                    if (properties.path("FunctionName").asText().startsWith(service + "-service-")) {
                        properties.path("Environment").path("Variables").fields().forEachRemaining(variable ->
                                environment.put(variable.getKey(), variable.getValue()));
                    }
                }
                case "AWS::ECS::TaskDefinition" -> properties.path("ContainerDefinitions").forEach(container -> {
                    if (container.path("Name").asText().equals(capitalized(service))) {
                        container.path("Environment").forEach(variable ->
                                environment.put(variable.path("Name").asText(), variable.path("Value")));
                        container.path("Secrets").forEach(secret ->
                                environment.put(secret.path("Name").asText(), secret.path("ValueFrom")));
                    }
                });
                default -> {
                    // only the service's function or task definition
                }
            }
        });
        assertThat(environment).as(service + "-service's environment").isNotEmpty();
        return environment;
    }

    /** The native functions of the services (the isolation watchdog's function is the stack's other one). */
    private static Map<String, Map<String, Object>> serviceFunctions(Template template) {
        return template.findResources("AWS::Lambda::Function", Map.of("Properties", Map.of(
                "Runtime", "provided.al2023")));
    }

    private static String capitalized(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
