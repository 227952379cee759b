package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.iam.IamSimulator;
import dev.shiptrack.iam.IamSimulator.Decision;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import dev.shiptrack.iam.TenantDataLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.shiptrack.deploy.TemplateResolver.ACCOUNT;
import static dev.shiptrack.deploy.TemplateResolver.CLUSTER_RESOURCE_ID;
import static dev.shiptrack.deploy.TemplateResolver.REGION;
import static dev.shiptrack.deploy.TemplateResolver.USER_POOL_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes the IAM policies out of each synthesized template, resolves them to what a deployment to account
 * 123456789012 in us-east-1 would hold, and evaluates them with the independent evaluator iam-simulate: each
 * tenant reaches its own items, index, prefix and key, and nothing of any other tenant, including tenants whose
 * ids share a prefix (yel, yellow, yellow2).
 */
class DeployedPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TENANTS = SynthesizedStacks.TENANTS;
    private static final String ROUTES = TenantDataLayout.ROUTES_PARTITION;
    private static final Map.Entry<String, Object> SILO_SESSION = Map.entry("aws:PrincipalTag/StorageModel", "silo");

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldDeployExactlyThePolicyDocumentsOfDeployIam(Compute compute) {
        Deployed deployed = deployed(compute);
        Map<String, JsonNode> expected = Map.of(
                PolicyDocuments.TRACKING_SERVICE_ROLE_POLICY, deployed.trackingServicePolicy,
                PolicyDocuments.TRACKING_ACCESS_ROLE_TRUST, deployed.trackingAccessTrust,
                PolicyDocuments.TRACKING_ACCESS_POLICY, deployed.trackingAccessPolicy,
                PolicyDocuments.SHIPMENT_SERVICE_ROLE_POLICY, deployed.shipmentServicePolicy,
                PolicyDocuments.SHIPMENT_ACCESS_ROLE_TRUST, deployed.shipmentAccessTrust,
                PolicyDocuments.SHIPMENT_ACCESS_POLICY, deployed.shipmentAccessPolicy,
                PolicyDocuments.TENANT_SERVICE_ROLE_POLICY, deployed.tenantServicePolicy,
                PolicyDocuments.TENANT_SERVICE_IDENTITY_POLICY, deployed.tenantServiceIdentityPolicy,
                PolicyDocuments.TENANT_PROVISIONING_ROLE_TRUST, deployed.tenantProvisioningTrust,
                PolicyDocuments.TENANT_PROVISIONING_POLICY, deployed.tenantProvisioningPolicy);
        expected.forEach((document, actual) ->
                assertThat(actual).as(document).isEqualTo(fromDeployIam(document, deployed.stage)));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAllowEachTenantOnlyItsOwnItems(Compute compute) {
        Deployed deployed = deployed(compute);
        Cases cases = new Cases("TrackingAccessRole-" + deployed.stage, deployed.trackingAccessPolicy);
        String table = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/TrackingData-" + deployed.stage;
        for (String caller : TENANTS) {
            for (String owner : TENANTS) {
                Decision decision = caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied;
                for (String action : List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                        "dynamodb:PutItem")) {
                    cases.add(caller, action, table, Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1")), decision);
                }
            }
            String other = TENANTS.stream().filter(t -> !t.equals(caller)).findFirst().orElseThrow();
            cases.add(caller, "dynamodb:BatchGetItem", table,
                    Map.of("dynamodb:LeadingKeys", List.of(caller + "#s-1", other + "#s-1")), Decision.ImplicitlyDenied);
            cases.add(caller, "dynamodb:Query", table, Map.of("dynamodb:LeadingKeys", List.of(caller)),
                    Decision.ImplicitlyDenied);
            cases.add(caller, "dynamodb:Scan", table, Map.of(), Decision.ImplicitlyDenied);
            // The routes registry names every tenant's hostnames and tier: not for a tenant's session.
            cases.add(caller, "dynamodb:Query", table, routes(ROUTES), Decision.ImplicitlyDenied);
            cases.add(caller, "dynamodb:GetItem", table, routes(ROUTES), Decision.ImplicitlyDenied);
            cases.add(caller, "dynamodb:DeleteItem", table, Map.of("dynamodb:LeadingKeys", List.of(caller + "#s-1")),
                    Decision.ImplicitlyDenied);
        }
        cases.addUntagged("dynamodb:Query", table, Decision.ExplicitlyDenied);
        // A silo session reaches its own table (named after its TenantID) and not the pooled one; a pooled session
        // reaches no silo table, not even one named after itself.
        for (String caller : TENANTS) {
            for (String owner : TENANTS) {
                Decision decision = caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied;
                Map<String, Object> ownerItem = Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1"));
                Map<String, Object> ownerItemAsSilo = Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1"),
                        SILO_SESSION.getKey(), SILO_SESSION.getValue());
                cases.add(caller, "dynamodb:PutItem", table + "-" + owner, ownerItemAsSilo, decision);
                cases.add(caller, "dynamodb:Query", table + "-" + owner, ownerItemAsSilo, decision);
                cases.add(caller, "dynamodb:Query", table + "-" + owner, ownerItem, Decision.ImplicitlyDenied);
                cases.add(caller, "dynamodb:Query", table, ownerItemAsSilo, Decision.ImplicitlyDenied);
            }
            cases.add(caller, "dynamodb:PutItem", table + "-" + caller, Map.of("dynamodb:LeadingKeys",
                    List.of(caller + "#_tenant"), SILO_SESSION.getKey(), SILO_SESSION.getValue()),
                    Decision.ExplicitlyDenied);
            cases.add(caller, "dynamodb:DeleteTable", table + "-" + caller,
                    Map.of(SILO_SESSION.getKey(), SILO_SESSION.getValue()), Decision.ImplicitlyDenied);
        }

        assertThat(cases.mismatches()).isEmpty();
    }

    /**
     * With the domain's access policy as resource policy: it must not widen what the identity policy grants (a
     * same-account grant to the role itself would open every index to every tenant).
     */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAllowEachTenantOnlyItsOwnIndexUnderTheDomainAccessPolicy(Compute compute) {
        Deployed deployed = deployed(compute);
        Cases cases = new Cases("TrackingAccessRole-" + deployed.stage, deployed.trackingAccessPolicy,
                deployed.domainAccessPolicy);
        String domain = "arn:aws:es:" + REGION + ":" + ACCOUNT + ":domain/tracking-" + deployed.stage;
        for (String caller : TENANTS) {
            for (String owner : TENANTS) {
                Decision decision = caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied;
                cases.add(caller, "es:ESHttpGet", domain + "/" + owner + "-tracking/_doc/e-1", Map.of(), decision);
                cases.add(caller, "es:ESHttpPut", domain + "/" + owner + "-tracking/_doc/e-1", Map.of(), decision);
                cases.add(caller, "es:ESHttpPost", domain + "/" + owner + "-tracking/_search", Map.of(), decision);
            }
            cases.add(caller, "es:ESHttpDelete", domain + "/" + caller + "-tracking", Map.of(),
                    Decision.ImplicitlyDenied);
            cases.add(caller, "es:ESHttpGet", domain + "/_all/_search", Map.of(), Decision.ImplicitlyDenied);
            cases.add(caller, "es:ESHttpGet", domain + "/_cat/indices", Map.of(), Decision.ImplicitlyDenied);
        }
        cases.addUntagged("es:ESHttpGet", domain + "/yellow-tracking/_doc/e-1", Decision.ExplicitlyDenied);

        assertThat(cases.mismatches()).isEmpty();
    }

    /** With the bucket policy as resource policy: own prefix only, and only over TLS. */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAllowEachTenantOnlyItsOwnPrefixAndOnlyOverTls(Compute compute) {
        Deployed deployed = deployed(compute);
        Cases cases = new Cases("TrackingAccessRole-" + deployed.stage, deployed.trackingAccessPolicy,
                deployed.bucketPolicy);
        String bucket = "arn:aws:s3:::" + deployed.bucket;
        Map<String, Object> tls = Map.of("aws:SecureTransport", "true");
        for (String caller : TENANTS) {
            for (String owner : TENANTS) {
                Decision decision = caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied;
                cases.add(caller, "s3:GetObject", bucket + "/" + owner + "/s-1/pod.pdf", tls, decision);
                cases.add(caller, "s3:PutObject", bucket + "/" + owner + "/s-1/pod.pdf", tls, decision);
                cases.add(caller, "s3:ListBucket", bucket, Map.of("s3:prefix", owner + "/s-1/",
                        "aws:SecureTransport", "true"), decision);
            }
            cases.add(caller, "s3:ListBucket", bucket, Map.of("s3:prefix", "", "aws:SecureTransport", "true"),
                    Decision.ImplicitlyDenied);
            cases.add(caller, "s3:DeleteObject", bucket + "/" + caller + "/s-1/pod.pdf", tls,
                    Decision.ImplicitlyDenied);
            cases.add(caller, "s3:GetObject", bucket + "/" + caller + "/s-1/pod.pdf",
                    Map.of("aws:SecureTransport", "false"), Decision.ExplicitlyDenied);
        }
        cases.addWithContext("untagged", "s3:GetObject", bucket + "/yellow/s-1/pod.pdf", tls,
                Decision.ExplicitlyDenied);

        assertThat(cases.mismatches()).isEmpty();
    }

    /** KMS needs its key policy to allow too: each key's policy is evaluated with the requests for that key. */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldLetEachTenantUseOnlyTheKeyTaggedWithItsId(Compute compute) {
        Deployed deployed = deployed(compute);
        assertThat(deployed.tenantKeys).containsOnlyKeys(TENANTS);
        deployed.tenantKeys.forEach((owner, key) -> {
            Cases cases = new Cases("TrackingAccessRole-" + deployed.stage, deployed.trackingAccessPolicy,
                    deployed.keyPolicies.get(owner));
            for (String caller : TENANTS) {
                Decision decision = caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied;
                cases.add(caller, "kms:Decrypt", key, Map.of("aws:ResourceTag/TenantID", owner), decision);
                cases.add(caller, "kms:GenerateDataKey", key, Map.of("aws:ResourceTag/TenantID", owner), decision);
                cases.add(caller, "kms:ScheduleKeyDeletion", key, Map.of("aws:ResourceTag/TenantID", owner),
                        Decision.ImplicitlyDenied);
            }
            cases.addUntagged("kms:Decrypt", key, Decision.ExplicitlyDenied);
            assertThat(cases.mismatches()).as(owner + "'s key").isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldLetEachTenantConnectOnlyAsItsOwnDatabaseUser(Compute compute) {
        Deployed deployed = deployed(compute);
        Cases cases = new Cases("ShipmentAccessRole-" + deployed.stage, deployed.shipmentAccessPolicy);
        String users = "arn:aws:rds-db:" + REGION + ":" + ACCOUNT + ":dbuser:" + CLUSTER_RESOURCE_ID + "/";
        for (String caller : TENANTS) {
            for (String owner : TENANTS) {
                cases.add(caller, "rds-db:connect", users + owner, Map.of(),
                        caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied);
            }
            cases.add(caller, "rds-db:connect", users + DataStores.POOLED_DATABASE_USER, Map.of(),
                    Decision.ImplicitlyDenied);
        }

        assertThat(cases.mismatches()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldLetServiceRolesOnlyAssumeTheirOwnAccessRoleAndProbeWithoutReadingData(Compute compute) {
        Deployed deployed = deployed(compute);
        String trackingAccess = "arn:aws:iam::" + ACCOUNT + ":role/TrackingAccessRole-" + deployed.stage;
        String shipmentAccess = "arn:aws:iam::" + ACCOUNT + ":role/ShipmentAccessRole-" + deployed.stage;
        String table = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/TrackingData-" + deployed.stage;
        String object = "arn:aws:s3:::" + deployed.bucket + "/yellow/s-1/pod.pdf";
        String users = "arn:aws:rds-db:" + REGION + ":" + ACCOUNT + ":dbuser:" + CLUSTER_RESOURCE_ID + "/";

        Cases tracking = new Cases("TrackingServiceRole-" + deployed.stage, deployed.trackingServicePolicy);
        tracking.addUntagged("sts:AssumeRole", trackingAccess, Decision.Allowed);
        tracking.addUntagged("sts:TagSession", trackingAccess, Decision.Allowed);
        tracking.addUntagged("sts:AssumeRole", shipmentAccess, Decision.ImplicitlyDenied);
        tracking.addUntagged("dynamodb:GetItem", table, Decision.ImplicitlyDenied);
        tracking.addUntagged("s3:GetObject", object, Decision.ImplicitlyDenied);
        String domain = "arn:aws:es:" + REGION + ":" + ACCOUNT + ":domain/tracking-" + deployed.stage + "/";
        tracking.addUntagged("dynamodb:DescribeTable", table, Decision.Allowed);
        tracking.addUntagged("es:ESHttpHead", domain, Decision.Allowed);
        tracking.addUntagged("es:ESHttpGet", domain, Decision.ImplicitlyDenied);
        tracking.addUntagged("es:ESHttpHead", domain + "yellow-tracking", Decision.ImplicitlyDenied);
        tracking.addUntagged("s3:GetObject", "arn:aws:s3:::" + deployed.bucket + "/_readiness", Decision.Allowed);
        Cases shipment = new Cases("ShipmentServiceRole-" + deployed.stage, deployed.shipmentServicePolicy);
        shipment.addUntagged("sts:AssumeRole", shipmentAccess, Decision.Allowed);
        shipment.addUntagged("sts:AssumeRole", trackingAccess, Decision.ImplicitlyDenied);
        shipment.addUntagged("rds-db:connect", users + DataStores.POOLED_DATABASE_USER, Decision.Allowed);
        shipment.addUntagged("rds-db:connect", users + "yellow", Decision.ImplicitlyDenied);
        shipment.addUntagged("dynamodb:GetItem", table, Decision.ImplicitlyDenied);
        // The routes registry: both may Query its partition with their own identity, nothing else of the table.
        for (Cases service : List.of(tracking, shipment)) {
            service.addWithContext("routes", "dynamodb:Query", table, routes(ROUTES), Decision.Allowed);
            service.addWithContext("tenant partition", "dynamodb:Query", table, routes("yellow#x"),
                    Decision.ImplicitlyDenied);
            service.addWithContext("routes and a tenant partition", "dynamodb:Query", table,
                    routes(ROUTES, "yellow#x"), Decision.ImplicitlyDenied);
            service.addWithContext("routes", "dynamodb:Query", table + "/index/tenant-items", routes(ROUTES),
                    Decision.ImplicitlyDenied);
            for (String action : List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem")) {
                service.addWithContext("routes", action, table, routes(ROUTES), Decision.ImplicitlyDenied);
            }
            service.addUntagged("dynamodb:Query", table, Decision.ImplicitlyDenied);
            service.addUntagged("dynamodb:Scan", table, Decision.ImplicitlyDenied);
        }

        assertThat(tracking.mismatches()).isEmpty();
        assertThat(shipment.mismatches()).isEmpty();
    }

    /**
     * The control plane's own role, with both its policies: the provisioning role (tagged), its own database login,
     * the users of the stack's own pool; no IAM action, no tenant data, no other pool, no attribute or password
     * changes of existing users.
     */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldLetTenantServiceManageOnlyItsOwnPoolsUsersAndChangeNoIam(Compute compute) {
        Deployed deployed = deployed(compute);
        JsonNode policies = PolicyDocuments.merge(List.of((ObjectNode) deployed.tenantServicePolicy,
                (ObjectNode) deployed.tenantServiceIdentityPolicy));
        String pools = "arn:aws:cognito-idp:" + REGION + ":" + ACCOUNT + ":userpool/";
        String role = "arn:aws:iam::" + ACCOUNT + ":role/";
        String users = "arn:aws:rds-db:" + REGION + ":" + ACCOUNT + ":dbuser:" + CLUSTER_RESOURCE_ID + "/";
        Cases tenant = new Cases("TenantServiceRole-" + deployed.stage, policies);
        for (String action : List.of("AdminCreateUser", "AdminGetUser", "AdminDeleteUser", "ListUsers")) {
            tenant.addUntagged("cognito-idp:" + action, pools + USER_POOL_ID, Decision.Allowed);
            tenant.addUntagged("cognito-idp:" + action, pools + "us-east-1_OTHERPOOL", Decision.ImplicitlyDenied);
        }
        for (String action : List.of("AdminUpdateUserAttributes", "AdminSetUserPassword", "AdminAddUserToGroup",
                "CreateGroup", "DeleteUserPool")) {
            tenant.addUntagged("cognito-idp:" + action, pools + USER_POOL_ID, Decision.ImplicitlyDenied);
        }
        tenant.addUntagged("sts:AssumeRole", role + "TenantProvisioningRole-" + deployed.stage, Decision.Allowed);
        tenant.addUntagged("sts:AssumeRole", role + "TrackingAccessRole-" + deployed.stage, Decision.ImplicitlyDenied);
        tenant.addUntagged("rds-db:connect", users + ServiceEnvironment.TENANT_DATABASE_USER, Decision.Allowed);
        tenant.addUntagged("rds-db:connect", users + "yellow", Decision.ImplicitlyDenied);
        tenant.addUntagged("rds-db:connect", users + DataStores.ADMIN_USER, Decision.ImplicitlyDenied);
        for (String action : List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy",
                "iam:UpdateAssumeRolePolicy")) {
            tenant.addUntagged(action, role + "TrackingAccessRole-" + deployed.stage, Decision.ImplicitlyDenied);
        }
        // The routes registry is the one part of the table tenant-service reaches with its own identity.
        String table = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/TrackingData-" + deployed.stage;
        for (String action : List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem")) {
            tenant.addWithContext("routes", action, table, routes(ROUTES), Decision.Allowed);
            tenant.addWithContext("tenant partition", action, table, routes("yellow#x"), Decision.ImplicitlyDenied);
            tenant.addWithContext("tenant status", action, table, routes("yellow#_tenant"),
                    Decision.ImplicitlyDenied);
            tenant.addWithContext("routes and a tenant partition", action, table, routes(ROUTES, "yellow#x"),
                    Decision.ImplicitlyDenied);
        }
        tenant.addUntagged("dynamodb:DeleteItem", table, Decision.ImplicitlyDenied);
        tenant.addUntagged("dynamodb:Scan", table, Decision.ImplicitlyDenied);

        assertThat(tenant.mismatches()).isEmpty();
    }

    /**
     * Evaluates AssumeRole and TagSession as IAM does, with the trust policy as the access role's resource policy
     * and the caller's own identity policy: only the service role's sessions get in, and only with a TenantID tag.
     */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldTrustOnlyTheServiceRoleAndTagSessionsOnlyWithATenantId(Compute compute) {
        Deployed deployed = deployed(compute);
        Map<String, JsonNode> trusts = Map.of("Tracking", deployed.trackingAccessTrust,
                "Shipment", deployed.shipmentAccessTrust);
        Map<String, JsonNode> servicePolicies = Map.of("Tracking", deployed.trackingServicePolicy,
                "Shipment", deployed.shipmentServicePolicy);
        trusts.forEach((service, trust) -> {
            String accessRole = "arn:aws:iam::" + ACCOUNT + ":role/" + service + "AccessRole-" + deployed.stage;
            Cases cases = new Cases(service + "ServiceRole-" + deployed.stage, servicePolicies.get(service), trust);
            cases.addUntagged("sts:AssumeRole", accessRole, Decision.Allowed);
            // TrackingAccessRole's sessions must also say where the tenant's items live: pool or silo, nothing else.
            boolean tracking = service.equals("Tracking");
            cases.addWithContext("with tenant tag", "sts:TagSession", accessRole,
                    Map.of("aws:RequestTag/TenantID", "yellow", "aws:TagKeys", List.of("TenantID")),
                    tracking ? Decision.ImplicitlyDenied : Decision.Allowed);
            for (String storage : List.of("pool", "silo", "shared")) {
                cases.addWithContext("with tenant tag and storage " + storage, "sts:TagSession", accessRole,
                        Map.of("aws:RequestTag/TenantID", "yellow", "aws:RequestTag/StorageModel", storage,
                                "aws:TagKeys", List.of("TenantID", "StorageModel")),
                        tracking && storage.equals("shared") ? Decision.ImplicitlyDenied : Decision.Allowed);
            }
            cases.addWithContext("with another tag", "sts:TagSession", accessRole,
                    Map.of("aws:RequestTag/Team", "yellow", "aws:TagKeys", List.of("Team")), Decision.ImplicitlyDenied);
            cases.addWithContext("without tags", "sts:TagSession", accessRole, Map.of(), Decision.ImplicitlyDenied);
            assertThat(cases.mismatches()).as(service).isEmpty();

            // Another role of the account, even one whose own policy allows every AssumeRole, is not trusted.
            JsonNode assumeAnything = JSON.createObjectNode().put("Version", "2012-10-17").set("Statement",
                    JSON.createArrayNode().add(JSON.createObjectNode().put("Effect", "Allow")
                            .put("Action", "sts:AssumeRole").put("Resource", "*")));
            Cases intruder = new Cases("SomeOtherRole", assumeAnything, trust);
            intruder.addUntagged("sts:AssumeRole", accessRole, Decision.ImplicitlyDenied);
            assertThat(intruder.mismatches()).as(service + " trust of another role").isEmpty();
        });
    }

    private static Map<String, Object> routes(String... leadingKeys) {
        return Map.of("dynamodb:LeadingKeys", List.of(leadingKeys));
    }

    /** What deploy/iam holds, hydrated with the test deployment's values and the stage's role names. */
    private static JsonNode fromDeployIam(String document, String stage) {
        ObjectNode hydrated = PolicyHydrator.hydrate(PolicyDocuments.load(document), Map.of(
                "account", ACCOUNT, "region", REGION, "table", "TrackingData-" + stage,
                "bucket", "tracking-documents-" + stage + "-" + ACCOUNT + "-" + REGION,
                "domain", "tracking-" + stage, "dbClusterResourceId", CLUSTER_RESOURCE_ID,
                TenantAccessRoles.USER_POOL_PLACEHOLDER, USER_POOL_ID));
        String text = PolicyDocuments.compact(hydrated).replaceAll(":role/([A-Za-z]+)\"", ":role/$1-" + stage + "\"");
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policies of one synthesized template, resolved to concrete values. */
    private record Deployed(String stage, String bucket, JsonNode trackingServicePolicy, JsonNode trackingAccessTrust,
                            JsonNode trackingAccessPolicy, JsonNode shipmentServicePolicy,
                            JsonNode shipmentAccessTrust, JsonNode shipmentAccessPolicy,
                            JsonNode tenantServicePolicy, JsonNode tenantServiceIdentityPolicy,
                            JsonNode tenantProvisioningTrust, JsonNode tenantProvisioningPolicy,
                            Map<String, String> tenantKeys, Map<String, JsonNode> keyPolicies,
                            JsonNode domainAccessPolicy, JsonNode bucketPolicy) {
    }

    private static Deployed deployed(Compute compute) {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(compute);
        String stage = synthesized.settings().stage();
        TemplateResolver resolver = new TemplateResolver(synthesized.json());
        JsonNode resources = synthesized.resources();
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, JsonNode> keyPolicies = new HashMap<>();
        String bucket = null;
        String bucketId = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            JsonNode properties = resource.getValue().path("Properties");
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::KMS::Key" -> properties.path("Tags").forEach(tag -> {
                    if (tag.path("Key").asText().equals("TenantID")) {
                        keys.put(tag.path("Value").asText(), resolver.resolve(JSON.createObjectNode()
                                .set("Fn::GetAtt", JSON.createArrayNode().add(resource.getKey()).add("Arn"))).asText());
                        keyPolicies.put(tag.path("Value").asText(), resolver.resolve(properties.path("KeyPolicy")));
                    }
                });
                // The tenant documents bucket is the named one (the trail's log bucket gets a generated name).
                case "AWS::S3::Bucket" -> {
                    if (properties.has("BucketName")) {
                        bucket = resolver.resolve(properties.path("BucketName")).asText();
                        bucketId = resource.getKey();
                    }
                }
                default -> {
                    // only keys and the bucket are looked up here
                }
            }
        }
        return new Deployed(stage, bucket,
                resolver.resolve(property(resources, "AWS::IAM::Policy", "PolicyName", "TrackingServiceRolePolicy",
                        "PolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::Role", "RoleName", "TrackingAccessRole-" + stage,
                        "AssumeRolePolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
                        "TrackingAccessPolicy-" + stage, "PolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::Policy", "PolicyName", "ShipmentServiceRolePolicy",
                        "PolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::Role", "RoleName", "ShipmentAccessRole-" + stage,
                        "AssumeRolePolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
                        "ShipmentAccessPolicy-" + stage, "PolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::Policy", "PolicyName", "TenantServiceRolePolicy",
                        "PolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::Policy", "PolicyName", "TenantServiceIdentityPolicy",
                        "PolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::Role", "RoleName", "TenantProvisioningRole-" + stage,
                        "AssumeRolePolicyDocument")),
                resolver.resolve(property(resources, "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
                        "TenantProvisioningPolicy-" + stage, "PolicyDocument")),
                keys, keyPolicies,
                resolver.resolve(property(resources, "AWS::OpenSearchService::Domain", "DomainName",
                        "tracking-" + stage, "AccessPolicies")),
                resolver.resolve(policyOfBucket(resources, bucketId)));
    }

    /** One property of the single resource of {@code type} whose {@code nameProperty} is {@code name}. */
    private static JsonNode property(JsonNode resources, String type, String nameProperty, String name,
                                     String property) {
        List<JsonNode> matches = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)
                    && resource.path("Properties").path(nameProperty).asText().equals(name)) {
                matches.add(resource.path("Properties").path(property));
            }
        });
        assertThat(matches).as(type + " " + name).hasSize(1);
        return matches.get(0);
    }

    /** The policy document of the bucket policy attached to the bucket {@code bucketId}. */
    private static JsonNode policyOfBucket(JsonNode resources, String bucketId) {
        List<JsonNode> matches = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::S3::BucketPolicy")
                    && TemplatePolicies.referencedId(resource.path("Properties").path("Bucket")).equals(bucketId)) {
                matches.add(resource.path("Properties").path("PolicyDocument"));
            }
        });
        assertThat(matches).as("the policy of bucket " + bucketId).hasSize(1);
        return matches.get(0);
    }

    /** A batch of cases for one role's sessions and the decision each must get. */
    private static final class Cases {
        private final String role;
        private final JsonNode policy;
        private final JsonNode resourcePolicy;
        private final List<IamSimulator.Case> cases = new ArrayList<>();
        private final Map<String, Decision> expected = new HashMap<>();

        Cases(String role, JsonNode policy) {
            this(role, policy, null);
        }

        /** @param resourcePolicy the policy of the requested resource (trust or key policy), or null */
        Cases(String role, JsonNode policy, JsonNode resourcePolicy) {
            this.role = role;
            this.policy = policy;
            this.resourcePolicy = resourcePolicy;
        }

        void add(String tenant, String action, String resource, Map<String, Object> keys, Decision decision) {
            Map<String, Object> context = new HashMap<>(keys);
            context.put("aws:PrincipalTag/TenantID", tenant);
            // Tracking sessions are tagged pool or silo; a case names silo in its keys, every other one is pooled.
            context.putIfAbsent(SILO_SESSION.getKey(), "pool");
            put(tenant + " " + action + " " + resource + " " + keys, tenant, action, resource, context, decision);
        }

        void addUntagged(String action, String resource, Decision decision) {
            put("untagged " + action + " " + resource, "service", action, resource, Map.of(), decision);
        }

        void addWithContext(String label, String action, String resource, Map<String, Object> context,
                            Decision decision) {
            put(label + " " + action + " " + resource, "service", action, resource, context, decision);
        }

        private void put(String id, String session, String action, String resource, Map<String, Object> context,
                         Decision decision) {
            String principal = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session;
            cases.add(new IamSimulator.Case(id, principal, action, resource, ACCOUNT, context, List.of(policy), null));
            expected.put(id, decision);
        }

        /** The cases whose decision differs from the expected one, each with both decisions. */
        List<String> mismatches() {
            assertThat(cases).isNotEmpty();
            Map<String, Decision> actual = IamSimulator.installed().evaluate(cases, resourcePolicy);
            return expected.entrySet().stream()
                    .filter(entry -> actual.get(entry.getKey()) != entry.getValue())
                    .map(entry -> entry.getKey() + ": expected " + entry.getValue() + ", was " + actual.get(entry.getKey()))
                    .sorted()
                    .toList();
        }
    }
}
