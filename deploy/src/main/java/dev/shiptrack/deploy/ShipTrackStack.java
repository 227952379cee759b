package dev.shiptrack.deploy;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment of the application: network, tenant data stores, identity, the four IAM roles of seed 001 and the
 * control plane's two with the policy documents of {@code deploy/iam}, the services (the control plane's
 * tenant-service where the stack owns the user pool) on the chosen compute target, the tenant edge in front of the
 * request services, and the isolation alerts.
 */
public final class ShipTrackStack extends Stack {

    public ShipTrackStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Tags.of(this).add("Application", "shiptrack");
        Tags.of(this).add("Stage", settings.stage());

        Vpc vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(2)
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).build(),
                        SubnetConfiguration.builder().name("private").subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
                .build();

        DataStores data = new DataStores(this, "Data", settings, vpc);
        TenantIdentity identity = new TenantIdentity(this, "Identity", settings);
        Map<String, String> placeholders = new HashMap<>(Map.of(
                "account", Aws.ACCOUNT_ID,
                "region", Aws.REGION,
                "table", data.table().getTableName(),
                "bucket", data.bucket().getBucketName(),
                "domain", data.domainName(),
                "dbClusterResourceId", data.database().getClusterResourceIdentifier()));
        identity.userPool().ifPresent(pool ->
                placeholders.put(TenantAccessRoles.USER_POOL_PLACEHOLDER, pool.getUserPoolId()));
        TenantAccessRoles roles = new TenantAccessRoles(this, "Roles", settings, placeholders);
        data.allowOnlyThroughIdentityPolicyOf(roles.trackingAccessRole(), roles.tenantProvisioningRole(),
                roles.trackingServiceRole());

        // The secrets the request services accept from the tenant edge, newest first, comma-separated. Generated
        // here without punctuation (so without a comma); the operator copies it into the edge's key value store
        // and rotates it by hand (docs/deploy.md).
        Secret edgeSecrets = Secret.Builder.create(this, "EdgeSecrets")
                .secretName("shiptrack-" + settings.stage() + "/edge-secrets")
                .description("TENANT_ROUTING_EDGE_SECRETS of the request services")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64).excludePunctuation(true).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ServiceCompute compute = switch (settings.compute()) {
            case LAMBDA -> new LambdaCompute(this, "Lambda", settings, vpc, data, roles, identity, edgeSecrets);
            case FARGATE -> new FargateCompute(this, "Fargate", settings, vpc, data, roles, identity, edgeSecrets);
        };
        TenantEdge edge = new TenantEdge(this, "Edge", settings, compute);
        compute.databaseClients().forEach(client -> data.database().getConnections().allowDefaultPortFrom(client,
                "logins with IAM authentication"));
        if (compute.tenantUrl().isEmpty()) {
            Annotations.of(this).addWarningV2("shiptrack:no-control-plane", "tenant-service is not deployed: with an"
                    + " external OIDC issuer it has no user pool to manage; create tenants' users in the issuer and"
                    + " their database logins by hand (docs/deploy.md)");
        }
        IsolationAlerts alerts = new IsolationAlerts(this, "IsolationAlerts", settings, roles, data, placeholders);

        output("Compute", settings.compute().contextValue(), "lambda or fargate");
        output("Stage", settings.stage(), "suffix of every physical name");
        output("EdgeUrl", "https://" + edge.distribution().getDistributionDomainName(),
                "the tenant edge (tenants use https://<tenant>.<tenantBaseDomain>)");
        output("TenantBaseDomain", settings.tenantBaseDomain(), "tenants are served as <tenant>.<this domain>");
        output("EdgeKeyValueStoreArn", edge.store().getKeyValueStoreArn(), "put the edge signing secret here");
        output("EdgeSecretsArn", edgeSecrets.getSecretArn(), "the secrets the services accept from the edge");
        output("ShipmentApiUrl", compute.shipmentUrl(), "shipment-service origin (refuses calls that skip the edge)");
        output("TrackingApiUrl", compute.trackingUrl(), "tracking-service origin (refuses calls that skip the edge)");
        compute.tenantUrl().ifPresent(url -> output("TenantApiUrl", url, "tenant-service (control plane) base URL"));
        output("OidcIssuer", identity.issuer(), "issuer the services verify tokens against");
        output("OidcClientId", identity.clientId(), "client id (audience) to request tokens for");
        output("TenantClaim", identity.tenantClaim(), "token claim that carries the tenant id");
        identity.userPool().ifPresent(pool -> output("UserPoolId", pool.getUserPoolId(), "create users here"));
        output("TableName", data.table().getTableName(), "pooled DynamoDB table");
        output("BucketName", data.bucket().getBucketName(), "tenant documents bucket (empty it before destroy)");
        output("OpenSearchEndpoint", data.domain().getDomainEndpoint(), "OpenSearch domain endpoint");
        output("DatabaseEndpoint", data.database().getClusterEndpoint().getHostname(), "Aurora writer endpoint");
        output("DatabaseClusterArn", data.database().getClusterArn(), "for aws rds-data execute-statement");
        output("DatabaseSecretArn", data.database().getSecret().getSecretArn(), "admin credentials (setup only)");
        output("DatabaseClusterResourceId", data.database().getClusterResourceIdentifier(), "in rds-db:connect ARNs");
        output("TrackingAccessRoleArn", roles.trackingAccessRole().getRoleArn(), "tenant-scoped tracking data role");
        output("ShipmentAccessRoleArn", roles.shipmentAccessRole().getRoleArn(), "tenant-scoped database role");
        output("IsolationAlertsTopicArn", alerts.topic().getTopicArn(), "subscribe here to the isolation alerts");
        data.tenantKeys().forEach((tenant, key) ->
                output("TenantKeyArn" + tenant, key.getKeyArn(), "KMS key tagged TenantID=" + tenant));
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
