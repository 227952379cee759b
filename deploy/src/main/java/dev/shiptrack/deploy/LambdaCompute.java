package dev.shiptrack.deploy;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services as Lambda functions on {@code provided.al2023}, each from the {@code function.zip} that the
 * {@code lambda} Maven profile builds natively, each behind its own HTTP API. The shipment and tenant functions run
 * in the VPC to reach Aurora; the tracking function reaches only public AWS endpoints and needs no VPC. Each API also
 * verifies the JWT (issuer, audience, signature, expiry) before invoking a function: a request without a valid token
 * costs no invocation. The services still verify the token themselves and take the tenant (or, for tenant-service,
 * the operator group) only from it.
 */
public final class LambdaCompute extends Construct implements ServiceCompute {

    /** The HTTP API's own limit: a request function has no use for longer. */
    private static final Duration REQUEST_TIMEOUT = Duration.seconds(30);
    /**
     * tenant-service's: the HTTP API gives up after 30 s, while an offboarding of a large tenant goes on and is read
     * with {@code GET /tenants/{id}}.
     */
    private static final Duration OPERATION_TIMEOUT = Duration.minutes(5);

    private final HttpApi shipmentApi;
    private final HttpApi trackingApi;
    private final Optional<HttpApi> tenantApi;
    private final List<ISecurityGroup> databaseClients = new ArrayList<>();

    /**
     * @param edgeSecrets the secrets the request services accept from the tenant edge: Lambda cannot inject a secret,
     *                    so CloudFormation resolves it into their environment when it creates or updates the function
     *                    (a dynamic reference: the value is in no template)
     */
    public LambdaCompute(Construct scope, String id, DeploymentSettings settings, IVpc vpc, DataStores data,
                         TenantAccessRoles roles, TenantIdentity identity, ISecret edgeSecrets) {
        super(scope, id);
        String acceptedEdgeSecrets = edgeSecrets.getSecretValue().unsafeUnwrap();
        Map<String, String> trackingEnvironment = ServiceEnvironment.tracking(data, roles, identity, settings);
        trackingEnvironment.put(ServiceEnvironment.EDGE_SECRETS, acceptedEdgeSecrets);
        Function tracking = function("TrackingFunction", settings, ServiceEnvironment.TRACKING_SERVICE,
                roles.trackingServiceRole(), trackingEnvironment, REQUEST_TIMEOUT, null, null);
        trackingApi = HttpApi.Builder.create(this, "TrackingApi")
                .apiName("tracking-" + settings.stage())
                .defaultIntegration(new HttpLambdaIntegration("TrackingIntegration", tracking))
                .defaultAuthorizer(tokenAuthorizer("TrackingTokens", identity))
                .build();

        // The database admin password stays out of a function's environment: migrations run from the Fargate target
        // or by hand (docs/deploy.md).
        Map<String, String> shipmentEnvironment = ServiceEnvironment.shipment(data, roles, identity, settings,
                trackingApi.getApiEndpoint(), false);
        shipmentEnvironment.put(ServiceEnvironment.EDGE_SECRETS, acceptedEdgeSecrets);
        Function shipment = function("ShipmentFunction", settings, ServiceEnvironment.SHIPMENT_SERVICE,
                roles.shipmentServiceRole(), shipmentEnvironment,
                REQUEST_TIMEOUT, databaseClient("ShipmentFunctionSecurityGroup", "shipment-service function", vpc), vpc);
        shipmentApi = HttpApi.Builder.create(this, "ShipmentApi")
                .apiName("shipment-" + settings.stage())
                .defaultIntegration(new HttpLambdaIntegration("ShipmentIntegration", shipment))
                .defaultAuthorizer(tokenAuthorizer("ShipmentTokens", identity))
                .build();

        tenantApi = identity.userPool().map(pool -> {
            Function tenant = function("TenantFunction", settings, ServiceEnvironment.TENANT_SERVICE,
                    roles.tenantServiceRole(), ServiceEnvironment.tenant(data, roles, identity, settings), OPERATION_TIMEOUT,
                    databaseClient("TenantFunctionSecurityGroup", "tenant-service function", vpc), vpc);
            return HttpApi.Builder.create(this, "TenantApi")
                    .apiName("tenant-" + settings.stage())
                    .defaultIntegration(new HttpLambdaIntegration("TenantIntegration", tenant))
                    .defaultAuthorizer(tokenAuthorizer("TenantTokens", identity))
                    .build();
        });
    }

    private SecurityGroup databaseClient(String id, String description, IVpc vpc) {
        SecurityGroup group = SecurityGroup.Builder.create(this, id)
                .vpc(vpc).description(description).allowAllOutbound(true).build();
        databaseClients.add(group);
        return group;
    }

    private static HttpJwtAuthorizer tokenAuthorizer(String id, TenantIdentity identity) {
        return HttpJwtAuthorizer.Builder.create(id, identity.issuer())
                .jwtAudience(List.of(identity.clientId()))
                .build();
    }

    /** @param securityGroup with {@code vpc}: the function runs in the VPC's private subnets; both null: outside */
    private Function function(String id, DeploymentSettings settings, String service, IRole role,
                              Map<String, String> serviceEnvironment, Duration timeout, SecurityGroup securityGroup,
                              IVpc vpc) {
        Map<String, String> environment = new HashMap<>(serviceEnvironment);
        // Quarkus' advice for native functions: the Lambda runtime, not the executable, handles signals.
        environment.put("DISABLE_SIGNAL_HANDLERS", "true");
        Function.Builder function = Function.Builder.create(this, id)
                .functionName(service + "-" + settings.stage())
                .runtime(Runtime.PROVIDED_AL2023)
                .architecture(Architecture.X86_64)
                .handler("native.handler")
                .code(settings.lambdaCode(settings.functionZip(service), settings.hasNativeFunctionZip(service),
                        "./mvnw -pl " + service + " -am package -Dnative -Plambda"))
                // A new revision changes the function, and an update is when CloudFormation resolves the edge
                // secrets again (docs/deploy.md, rotation).
                .description(service + ", edge secrets revision " + settings.edgeSecretsRevision())
                .memorySize(512)
                .timeout(timeout)
                .role(role)
                .environment(environment);
        if (vpc != null) {
            function.vpc(vpc)
                    .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                    .securityGroups(List.of(securityGroup));
        }
        Function built = function.build();
        if (!settings.hasNativeFunctionZip(service)) {
            Annotations.of(built).addWarningV2("shiptrack:placeholder-code", service
                    + " uses placeholder code: build it with ./mvnw -pl " + service
                    + " -am package -Dnative -Plambda, then synth again");
        }
        return built;
    }

    @Override
    public IOrigin shipmentOrigin() {
        return origin(shipmentApi);
    }

    @Override
    public IOrigin trackingOrigin() {
        return origin(trackingApi);
    }

    private static IOrigin origin(HttpApi api) {
        return HttpOrigin.Builder.create(api.getApiId() + ".execute-api." + Aws.REGION + "." + Aws.URL_SUFFIX)
                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                .build();
    }

    @Override
    public List<ISecurityGroup> databaseClients() {
        return List.copyOf(databaseClients);
    }

    @Override
    public Optional<String> tenantUrl() {
        return tenantApi.map(HttpApi::getApiEndpoint);
    }

    @Override
    public String shipmentUrl() {
        return shipmentApi.getApiEndpoint();
    }

    @Override
    public String trackingUrl() {
        return trackingApi.getApiEndpoint();
    }
}
