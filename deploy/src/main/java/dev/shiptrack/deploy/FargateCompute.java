package dev.shiptrack.deploy;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.LoadBalancerV2Origin;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services as ECS Fargate services from their native container images ({@code Dockerfile.native-micro}), with
 * one internet-facing Application Load Balancer (port 80 to shipment-service, 8081 to tracking-service, 8082 to
 * tenant-service where the stack runs it) and a Cloud Map namespace through which shipment-service calls
 * tracking-service inside the VPC.
 */
public final class FargateCompute extends Construct implements ServiceCompute {

    private final ApplicationLoadBalancer loadBalancer;
    private final List<ISecurityGroup> databaseClients = new ArrayList<>();
    private final boolean runsTenantService;
    private final String namespace;

    /** @param edgeSecrets the secrets the request services accept from the tenant edge, injected by ECS at start */
    public FargateCompute(Construct scope, String id, DeploymentSettings settings, IVpc vpc, DataStores data,
                          TenantAccessRoles roles, TenantIdentity identity, ISecret edgeSecrets) {
        super(scope, id);
        namespace = "shiptrack-" + settings.stage() + ".local";
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("shiptrack-" + settings.stage())
                .vpc(vpc)
                .build();
        cluster.addDefaultCloudMapNamespace(CloudMapNamespaceOptions.builder().name(namespace).vpc(vpc).build());

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .internetFacing(true)
                .build();

        SecurityGroup trackingSecurityGroup = securityGroup("TrackingSecurityGroup", vpc);
        SecurityGroup shipmentSecurityGroup = securityGroup("ShipmentSecurityGroup", vpc);
        databaseClients.add(shipmentSecurityGroup);
        trackingSecurityGroup.addIngressRule(shipmentSecurityGroup, Port.tcp(ServiceEnvironment.TRACKING_PORT),
                "shipment-service calls tracking-service through Cloud Map");

        String trackingUrl = "http://tracking." + namespace + ":" + ServiceEnvironment.TRACKING_PORT;
        FargateService tracking = service("Tracking", "tracking", settings, vpc, cluster,
                ServiceEnvironment.TRACKING_SERVICE, ServiceEnvironment.TRACKING_PORT, roles.trackingServiceRole(),
                ServiceEnvironment.tracking(data, roles, identity, settings),
                Map.of(ServiceEnvironment.EDGE_SECRETS, Secret.fromSecretsManager(edgeSecrets)), trackingSecurityGroup);
        FargateService shipment = service("Shipment", "shipment", settings, vpc, cluster,
                ServiceEnvironment.SHIPMENT_SERVICE, ServiceEnvironment.SHIPMENT_PORT, roles.shipmentServiceRole(),
                ServiceEnvironment.shipment(data, roles, identity, settings, trackingUrl, true),
                // Injected by ECS at start (the execution role reads these secrets), never in the task definition.
                Map.of(ServiceEnvironment.SHIPMENT_MIGRATION_PASSWORD,
                        Secret.fromSecretsManager(data.database().getSecret(), "password"),
                        ServiceEnvironment.EDGE_SECRETS, Secret.fromSecretsManager(edgeSecrets)),
                shipmentSecurityGroup);

        expose("ShipmentListener", 80, shipment, ServiceEnvironment.SHIPMENT_PORT);
        expose("TrackingListener", ServiceEnvironment.TRACKING_PORT, tracking, ServiceEnvironment.TRACKING_PORT);

        runsTenantService = identity.userPool().isPresent();
        if (runsTenantService) {
            SecurityGroup tenantSecurityGroup = securityGroup("TenantSecurityGroup", vpc);
            databaseClients.add(tenantSecurityGroup);
            FargateService tenant = service("Tenant", "tenant", settings, vpc, cluster,
                    ServiceEnvironment.TENANT_SERVICE, ServiceEnvironment.TENANT_PORT, roles.tenantServiceRole(),
                    ServiceEnvironment.tenant(data, roles, identity, settings), Map.of(), tenantSecurityGroup);
            expose("TenantListener", ServiceEnvironment.TENANT_PORT, tenant, ServiceEnvironment.TENANT_PORT);
        }
    }

    private SecurityGroup securityGroup(String id, IVpc vpc) {
        return SecurityGroup.Builder.create(this, id).vpc(vpc).allowAllOutbound(true).build();
    }

    private FargateService service(String id, String discoveryName, DeploymentSettings settings, IVpc vpc,
                                   Cluster cluster, String service, int port, IRole taskRole,
                                   Map<String, String> environment, Map<String, Secret> secrets,
                                   SecurityGroup securityGroup) {
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, id + "Task")
                .cpu(256)
                .memoryLimitMiB(512)
                .taskRole(taskRole)
                .build();
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .retention(RetentionDays.ONE_WEEK)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        task.addContainer(id, ContainerDefinitionOptions.builder()
                .image(image(settings, service))
                .environment(environment)
                .secrets(secrets)
                .portMappings(List.of(PortMapping.builder().containerPort(port).build()))
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().streamPrefix(service).logGroup(logs).build()))
                .build());
        return FargateService.Builder.create(this, id + "Service")
                .serviceName(service + "-" + settings.stage())
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(1)
                // With one task, keep it serving until its replacement is healthy.
                .minHealthyPercent(100)
                .assignPublicIp(false)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .cloudMapOptions(CloudMapOptions.builder()
                        .name(discoveryName).dnsRecordType(DnsRecordType.A).dnsTtl(Duration.seconds(10)).build())
                .circuitBreaker(DeploymentCircuitBreaker.builder()
                        .rollback(true).build())
                .build();
    }

    private ContainerImage image(DeploymentSettings settings, String service) {
        if (!settings.hasNativeRunner(service)) {
            if (settings.strictArtifacts()) {
                throw new IllegalStateException(service + "/target/*-runner does not exist: build it with ./mvnw -pl "
                        + service + " -am package -Dnative (strictArtifacts=true refuses to synthesize without it)");
            }
            Annotations.of(this).addWarningV2("shiptrack:missing-runner-" + service, service
                    + " has no native executable yet; the image build at deploy time will fail until ./mvnw -pl "
                    + service + " -am package -Dnative has run");
        }
        // Only the Dockerfiles and the native executable are sent to the image build.
        return ContainerImage.fromAsset(settings.serviceDirectory(service).toString(), AssetImageProps.builder()
                .file("src/main/docker/Dockerfile.native-micro")
                .platform(Platform.LINUX_AMD64)
                .ignoreMode(IgnoreMode.DOCKER)
                .exclude(List.of("*", "!src/main/docker/*", "!target/*-runner"))
                .build());
    }

    private void expose(String id, int listenerPort, FargateService service, int containerPort) {
        loadBalancer.addListener(id, BaseApplicationListenerProps.builder()
                        .port(listenerPort).protocol(ApplicationProtocol.HTTP).open(true).build())
                .addTargets(id + "Targets", AddApplicationTargetsProps.builder()
                        .port(containerPort)
                        .protocol(ApplicationProtocol.HTTP)
                        .targets(List.of(service))
                        // Liveness: readiness also probes the datasources, whose logins are per tenant on Aurora.
                        .healthCheck(HealthCheck.builder().path("/q/health/live").build())
                        .build());
    }

    @Override
    public IOrigin shipmentOrigin() {
        return origin(80);
    }

    @Override
    public IOrigin trackingOrigin() {
        return origin(ServiceEnvironment.TRACKING_PORT);
    }

    /** The load balancer listens on plain HTTP only (docs/deploy.md): so does CloudFront towards it. */
    private IOrigin origin(int listenerPort) {
        return LoadBalancerV2Origin.Builder.create(loadBalancer)
                .protocolPolicy(OriginProtocolPolicy.HTTP_ONLY)
                .httpPort(listenerPort)
                .build();
    }

    @Override
    public List<ISecurityGroup> databaseClients() {
        return List.copyOf(databaseClients);
    }

    @Override
    public Optional<String> tenantUrl() {
        return runsTenantService
                ? Optional.of("http://" + loadBalancer.getLoadBalancerDnsName() + ":" + ServiceEnvironment.TENANT_PORT)
                : Optional.empty();
    }

    @Override
    public String shipmentUrl() {
        return "http://" + loadBalancer.getLoadBalancerDnsName();
    }

    @Override
    public String trackingUrl() {
        return "http://" + loadBalancer.getLoadBalancerDnsName() + ":" + ServiceEnvironment.TRACKING_PORT;
    }

    public String namespace() {
        return namespace;
    }
}
