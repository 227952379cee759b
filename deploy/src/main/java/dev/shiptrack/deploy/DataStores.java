package dev.shiptrack.deploy;

import dev.shiptrack.iam.TenantDataLayout;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.CfnDomain;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant data stores, laid out as docs/architecture.md says: one pooled DynamoDB table keyed
 * {@code <tenant>#...}, one OpenSearch domain with an index per tenant, one S3 bucket with a prefix per tenant,
 * one Aurora PostgreSQL cluster with row-level security and IAM authentication, and optionally a KMS key per
 * tenant tagged with its id. Everything is removed with the stack (a workshop stack; empty the bucket first).
 */
public final class DataStores extends Construct {

    /** Database the shipment service uses. */
    public static final String DATABASE = "shipments";
    /** The cluster's administrator (password in Secrets Manager); runs the migrations. */
    public static final String ADMIN_USER = "shipment_admin";
    /** The pooled database user of ShipmentServiceRole's policy ({@code dbuser:.../shipment_app}). */
    public static final String POOLED_DATABASE_USER = "shipment_app";

    private final Table table;
    private final Bucket bucket;
    private final Domain domain;
    private final String domainName;
    private final DatabaseCluster database;
    private final Map<String, Key> tenantKeys = new LinkedHashMap<>();

    public DataStores(Construct scope, String id, DeploymentSettings settings, IVpc vpc) {
        super(scope, id);
        String stage = settings.stage();

        table = Table.Builder.create(this, "TrackingData")
                .tableName("TrackingData-" + stage)
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // tracking-service marks re-indexed outbox items with an expiry instead of deleting them (its
                // role may not DeleteItem); DynamoDB removes them.
                .timeToLiveAttribute(TenantDataLayout.EXPIRY_ATTRIBUTE)
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Offboarding finds a tenant's items through this index (tenant-service, docs/tenant-service.md).
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TenantDataLayout.TENANT_ITEMS_INDEX)
                .partitionKey(Attribute.builder().name(TenantDataLayout.TENANT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());

        bucket = Bucket.Builder.create(this, "TrackingDocuments")
                .bucketName("tracking-documents-" + stage + "-" + Aws.ACCOUNT_ID + "-" + Aws.REGION)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                // Offboarding deletes a tenant's objects; the versions they leave behind expire a day later.
                .lifecycleRules(List.of(LifecycleRule.builder().id("ExpireDeletedVersions")
                        .noncurrentVersionExpiration(Duration.days(1)).build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        domainName = "tracking-" + stage;
        domain = Domain.Builder.create(this, "TrackingSearch")
                .domainName(domainName)
                .version(EngineVersion.OPENSEARCH_2_19)
                .capacity(CapacityConfig.builder()
                        .dataNodes(1).dataNodeInstanceType("t3.small.search").multiAzWithStandbyEnabled(false).build())
                .ebs(EbsOptions.builder().volumeSize(10).build())
                .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true).build())
                .nodeToNodeEncryption(true)
                .enforceHttps(true)
                .tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        database = DatabaseCluster.Builder.create(this, "ShipmentDatabase")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_16_6).build()))
                .writer(ClusterInstance.serverlessV2("writer"))
                .serverlessV2MinCapacity(0.5)
                .serverlessV2MaxCapacity(2)
                .defaultDatabaseName(DATABASE)
                .credentials(Credentials.fromGeneratedSecret(ADMIN_USER))
                .iamAuthentication(true)
                .storageEncrypted(true)
                // The Data API lets the documented setup create the IAM-authenticated users without a bastion.
                .enableDataApi(true)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .backup(BackupProps.builder().retention(Duration.days(1)).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        for (String tenant : settings.tenantKeys()) {
            Key key = Key.Builder.create(this, "TenantKey-" + tenant)
                    .alias("alias/shiptrack-" + stage + "/" + tenant)
                    .description("Encrypts tenant " + tenant + "'s objects; usable only by sessions tagged with it")
                    .enableKeyRotation(true)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .pendingWindow(Duration.days(7))
                    .build();
            Tags.of(key).add("TenantID", tenant);
            tenantKeys.put(tenant, key);
        }
    }

    /**
     * The domain's resource policy delegates every decision to the identity policies of the roles that call it:
     * TrackingAccessRole (read and write a tenant's index), the control plane's TenantProvisioningRole (create and
     * delete a tenant's index), and TrackingServiceRole (its readiness probe, {@code HEAD /}). Naming a role itself
     * as principal would grant every one of its sessions the whole domain, whatever the TenantID tag (a same-account
     * resource policy grant stands on its own); naming the account delegates the decision to IAM identity policies,
     * and the condition narrows each statement to one role's sessions.
     */
    void allowOnlyThroughIdentityPolicyOf(IRole trackingAccessRole, IRole tenantProvisioningRole,
            IRole trackingServiceRole) {
        ((CfnDomain) domain.getNode().getDefaultChild()).setAccessPolicies(PolicyDocument.Builder.create()
                .statements(List.of(
                        delegateTo("TrackingAccessRoleSessionsDecidedByTheirIdentityPolicy", trackingAccessRole,
                                List.of("es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost")),
                        delegateTo("TenantProvisioningRoleSessionsDecidedByTheirIdentityPolicy",
                                tenantProvisioningRole,
                                List.of("es:ESHttpHead", "es:ESHttpGet", "es:ESHttpPut", "es:ESHttpDelete")),
                        delegateTo("TrackingServiceRoleReadinessProbeDecidedByItsIdentityPolicy",
                                trackingServiceRole, List.of("es:ESHttpHead"))))
                .build());
    }

    private PolicyStatement delegateTo(String sid, IRole role, List<String> actions) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .principals(List.of(new ArnPrincipal("arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":root")))
                .actions(actions)
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("es").resource("domain").resourceName(domainName + "/*").build())))
                .conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", role.getRoleArn())))
                .build();
    }

    public Table table() {
        return table;
    }

    public Bucket bucket() {
        return bucket;
    }

    public Domain domain() {
        return domain;
    }

    public String domainName() {
        return domainName;
    }

    public DatabaseCluster database() {
        return database;
    }

    public Map<String, Key> tenantKeys() {
        return tenantKeys;
    }
}
