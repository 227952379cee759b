package dev.shiptrack.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant data stores and the identity provider, on both compute targets. */
class DataStoresTemplateTest {

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldCreateThePooledTableOnDemandWithPointInTimeRecoveryOutboxExpiryAndTheTenantIndex(Compute compute) {
        template(compute).hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "TrackingData-" + stage(compute),
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S"),
                        Map.of("AttributeName", "tenantKey", "AttributeType", "S")),
                "GlobalSecondaryIndexes", List.of(Map.of("IndexName", "tenant-items",
                        "KeySchema", List.of(Map.of("AttributeName", "tenantKey", "KeyType", "HASH")),
                        "Projection", Map.of("ProjectionType", "KEYS_ONLY"))),
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldKeepTheBucketPrivateEncryptedVersionedAndTlsOnly(Compute compute) {
        template(compute).hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "VersioningConfiguration", Map.of("Status", "Enabled")));
        template(compute).hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldEncryptTheSearchDomainAndDelegateItsAccessToTheTagScopedRolesIdentityPolicies(Compute compute) {
        String accessRole = TenantAccessRolesTemplateTest.logicalIdOfRole(compute, "TrackingAccessRole");
        String provisioningRole = TenantAccessRolesTemplateTest.logicalIdOfRole(compute, "TenantProvisioningRole");
        String serviceRole = TenantAccessRolesTemplateTest.logicalIdOfRole(compute, "TrackingServiceRole");
        template(compute).hasResourceProperties("AWS::OpenSearchService::Domain", Map.of(
                "DomainName", "tracking-" + stage(compute),
                "EngineVersion", "OpenSearch_2.19",
                "EncryptionAtRestOptions", Map.of("Enabled", true),
                "NodeToNodeEncryptionOptions", Map.of("Enabled", true),
                "DomainEndpointOptions", Map.of("EnforceHTTPS", true,
                        "TLSSecurityPolicy", "Policy-Min-TLS-1-2-2019-07"),
                "AccessPolicies", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost"),
                        "Condition", Map.of("ArnEquals", Map.of("aws:PrincipalArn",
                                Map.of("Fn::GetAtt", List.of(accessRole, "Arn")))))),
                        Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("es:ESHttpHead", "es:ESHttpGet", "es:ESHttpPut", "es:ESHttpDelete"),
                        "Condition", Map.of("ArnEquals", Map.of("aws:PrincipalArn",
                                Map.of("Fn::GetAtt", List.of(provisioningRole, "Arn")))))),
                        Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", "es:ESHttpHead",
                        "Condition", Map.of("ArnEquals", Map.of("aws:PrincipalArn",
                                Map.of("Fn::GetAtt", List.of(serviceRole, "Arn"))))))))));
        Map<String, Map<String, Object>> domains = template(compute).findResources("AWS::OpenSearchService::Domain");
        assertThat(domains.values()).allSatisfy(domain -> assertThat(domain.toString())
                .doesNotContain("AdvancedSecurityOptions={Enabled=true"));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldRunAuroraServerlessV2WithIamAuthentication(Compute compute) {
        template(compute).hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "Engine", "aurora-postgresql",
                "EnableIAMDatabaseAuthentication", true,
                "StorageEncrypted", true,
                "DatabaseName", DataStores.DATABASE,
                "EnableHttpEndpoint", true,
                "ServerlessV2ScalingConfiguration", Map.of("MinCapacity", 0.5, "MaxCapacity", 2)));
        template(compute).hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "DBInstanceClass", "db.serverless", "PubliclyAccessible", false));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldGiveEveryUserAnImmutableTenantIdTheyCannotWrite(Compute compute) {
        template(compute).hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "Schema", List.of(Map.of("Name", "tenant_id", "AttributeDataType", "String", "Mutable", false,
                        "StringAttributeConstraints", Map.of("MinLength", "3", "MaxLength", "32"))),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true)));
        template(compute).hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "ReadAttributes", Match.arrayWith(List.of("custom:tenant_id")),
                "WriteAttributes", List.of("email"),
                "GenerateSecret", false));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldTagEachTenantKeyWithItsTenantId(Compute compute) {
        for (String tenant : SynthesizedStacks.TENANTS) {
            template(compute).hasResourceProperties("AWS::KMS::Key", Map.of(
                    "EnableKeyRotation", true,
                    "Tags", Match.arrayWith(List.of(Map.of("Key", "TenantID", "Value", tenant)))));
            template(compute).hasResourceProperties("AWS::KMS::Alias", Map.of(
                    "AliasName", "alias/shiptrack-" + stage(compute) + "/" + tenant));
        }
        template(compute).resourceCountIs("AWS::KMS::Key", SynthesizedStacks.TENANTS.size());
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldOutputWhatTheWorkshopNeeds(Compute compute) {
        for (String output : List.of("ShipmentApiUrl", "TrackingApiUrl", "OidcIssuer", "OidcClientId", "UserPoolId",
                "TableName", "BucketName", "OpenSearchEndpoint", "DatabaseClusterArn", "DatabaseSecretArn",
                "TrackingAccessRoleArn", "ShipmentAccessRoleArn", "TenantKeyArnyellow")) {
            template(compute).hasOutput(output, Match.objectLike(Map.of("Value", Match.anyValue())));
        }
    }

    private static Template template(Compute compute) {
        return SynthesizedStacks.of(compute).template();
    }

    private static String stage(Compute compute) {
        return SynthesizedStacks.of(compute).settings().stage();
    }
}
