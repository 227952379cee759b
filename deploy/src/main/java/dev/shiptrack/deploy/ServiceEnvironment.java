package dev.shiptrack.deploy;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Token;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration each service receives as environment variables, identical on both compute targets: the
 * variables the services' {@code application.properties} read ({@code ${TRACKING_TABLE:TrackingData}} and so on),
 * and {@code TENANT_TVM_TENANT_CLAIM}, which Quarkus maps to the token vending machine's
 * {@code tenant-tvm.tenant-claim} (docs/tenant-tvm.md). Lambda and ECS set {@code AWS_REGION} themselves.
 */
final class ServiceEnvironment {

    static final String TRACKING_SERVICE = "tracking-service";
    static final String SHIPMENT_SERVICE = "shipment-service";
    static final String TENANT_SERVICE = "tenant-service";
    static final int TRACKING_PORT = 8081;
    static final int SHIPMENT_PORT = 8080;
    static final int TENANT_PORT = 8082;
    /** The database login of the control plane (shipment-service's migration V2 creates the role). */
    static final String TENANT_DATABASE_USER = "tenant_provisioner";
    /** Where shipment-service's migration password comes from (ECS injects it from Secrets Manager). */
    static final String SHIPMENT_MIGRATION_PASSWORD = "SHIPMENT_MIGRATION_PASSWORD";
    /**
     * The edge secrets the request services accept, newest first, comma-separated: from the stack's Secrets Manager
     * secret, injected by each compute target its own way (never as plain text in the template).
     */
    static final String EDGE_SECRETS = "TENANT_ROUTING_EDGE_SECRETS";

    private ServiceEnvironment() {
    }

    static Map<String, String> tracking(DataStores data, TenantAccessRoles roles, TenantIdentity identity,
                                        DeploymentSettings settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("OIDC_AUTH_SERVER_URL", identity.issuer());
        environment.put("OIDC_ISSUER", identity.issuer());
        environment.put("OIDC_AUDIENCE", identity.clientId());
        environment.put("TENANT_TVM_TENANT_CLAIM", identity.tenantClaim());
        environment.put("TRACKING_ACCESS_ROLE_ARN", roles.trackingAccessRole().getRoleArn());
        environment.put("AWS_ACCOUNT_ID", Aws.ACCOUNT_ID);
        environment.put("TRACKING_TABLE", data.table().getTableName());
        environment.put("TRACKING_BUCKET", data.bucket().getBucketName());
        environment.put("TRACKING_OPENSEARCH_ENDPOINT", "https://" + data.domain().getDomainEndpoint());
        environment.put("TRACKING_OPENSEARCH_DOMAIN", data.domainName());
        routeThroughTheEdge(environment, settings);
        return environment;
    }

    /**
     * The request services sit behind the tenant edge ({@link TenantEdge}): the tenant comes from the hostname
     * {@code <tenant>.<base domain>}, and every request but a health check must carry the edge's signature, so a call
     * that skips CloudFront is refused (403). {@value #EDGE_SECRETS} comes separately, per compute target.
     */
    private static void routeThroughTheEdge(Map<String, String> environment, DeploymentSettings settings) {
        environment.put("TENANT_ROUTING_MODE", "host");
        environment.put("TENANT_ROUTING_BASE_DOMAIN", settings.tenantBaseDomain());
        environment.put("TENANT_ROUTING_EDGE_MODE", "required");
    }

    /**
     * The control plane on the stack's own user pool: Cognito's groups claim as roles (the operator group), users
     * created and deleted through Cognito, the database login as {@value #TENANT_DATABASE_USER} with an IAM token per
     * connection over TLS, and new tenant roles that log in with IAM tokens too.
     */
    static Map<String, String> tenant(DataStores data, TenantAccessRoles roles, TenantIdentity identity,
                                      DeploymentSettings settings) {
        String userPoolId = identity.userPool().orElseThrow(() -> new IllegalStateException(
                "tenant-service manages users of the stack's own user pool only")).getUserPoolId();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("OIDC_AUTH_SERVER_URL", identity.issuer());
        environment.put("OIDC_ISSUER", identity.issuer());
        environment.put("OIDC_AUDIENCE", identity.clientId());
        environment.put("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", TenantIdentity.COGNITO_GROUPS_CLAIM);
        environment.put("TENANT_SERVICE_OPERATOR_ROLE", TenantIdentity.OPERATOR_GROUP);
        environment.put("TENANT_SERVICE_IDENTITY_PROVIDER", "cognito");
        environment.put("TENANT_SERVICE_IDENTITY_COGNITO_USER_POOL_ID", userPoolId);
        // The Keycloak admin client of local runs has nothing to talk to here.
        environment.put("QUARKUS_OIDC_CLIENT_CLIENT_ENABLED", "false");
        environment.put("TENANT_PROVISIONING_ROLE_ARN", roles.tenantProvisioningRole().getRoleArn());
        environment.put("TENANT_DB_JDBC_URL", "jdbc:postgresql://" + writer(data) + "/" + DataStores.DATABASE
                + "?sslmode=require");
        environment.put("TENANT_DB_USER", TENANT_DATABASE_USER);
        environment.put("QUARKUS_DATASOURCE_CREDENTIALS_PROVIDER", "rds-iam");
        environment.put("TENANT_DB_ROLE_IAM", "true");
        environment.put("TRACKING_TABLE", data.table().getTableName());
        environment.put("TRACKING_BUCKET", data.bucket().getBucketName());
        environment.put("TRACKING_OPENSEARCH_ENDPOINT", "https://" + data.domain().getDomainEndpoint());
        // The hostnames it registers for onboarded tenants in the routes registry: <tenant>.<base domain>.
        environment.put("TENANT_SERVICE_ROUTING_BASE_DOMAIN", settings.tenantBaseDomain());
        return environment;
    }

    private static String writer(DataStores data) {
        return data.database().getClusterEndpoint().getHostname() + ":"
                + Token.asString(data.database().getClusterEndpoint().getPort());
    }

    /**
     * @param settings         the tenant base domain of the edge
     * @param trackingUrl      where the shipment service reaches the tracking service
     * @param migrateAtStart   whether the service applies its database migrations at start, which needs
     *                         {@link #SHIPMENT_MIGRATION_PASSWORD} (only the Fargate target can inject a secret)
     */
    static Map<String, String> shipment(DataStores data, TenantAccessRoles roles, TenantIdentity identity,
                                        DeploymentSettings settings, String trackingUrl, boolean migrateAtStart) {
        String hostAndPort = writer(data);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SHIPMENT_OIDC_URL", identity.issuer());
        environment.put("SHIPMENT_OIDC_ISSUER", identity.issuer());
        environment.put("SHIPMENT_OIDC_AUDIENCE", identity.clientId());
        environment.put("TENANT_TVM_TENANT_CLAIM", identity.tenantClaim());
        environment.put("SHIPMENT_TENANT_ROLE_ARN", roles.shipmentAccessRole().getRoleArn());
        // On Aurora every login is IAM-authenticated: one database role per tenant, each connection with a token
        // signed by the tenant's vended ShipmentAccessRole credentials (ShipmentAccessPolicy's rds-db:connect).
        environment.put("SHIPMENT_DATABASE_STRATEGY", "per-tenant-user");
        environment.put("SHIPMENT_DATABASE_PER_TENANT_USER_PASSWORD_SOURCE", "iam-token");
        environment.put("SHIPMENT_DB_URL", "postgresql://" + hostAndPort + "/" + DataStores.DATABASE);
        environment.put("SHIPMENT_DB_USER", DataStores.POOLED_DATABASE_USER);
        environment.put("SHIPMENT_MIGRATION_JDBC_URL", "jdbc:postgresql://" + hostAndPort + "/" + DataStores.DATABASE);
        environment.put("SHIPMENT_MIGRATION_USER", DataStores.ADMIN_USER);
        environment.put("SHIPMENT_MIGRATE_AT_START", Boolean.toString(migrateAtStart));
        environment.put("TRACKING_SERVICE_URL", trackingUrl);
        // The pooled table, under tracking-service's name for it: shipment-service reads only its routes registry.
        environment.put("TRACKING_TABLE", data.table().getTableName());
        routeThroughTheEdge(environment, settings);
        return environment;
    }
}
