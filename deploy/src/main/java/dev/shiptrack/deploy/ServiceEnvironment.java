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
    static final int TRACKING_PORT = 8081;
    static final int SHIPMENT_PORT = 8080;
    /** Where shipment-service's migration password comes from (ECS injects it from Secrets Manager). */
    static final String SHIPMENT_MIGRATION_PASSWORD = "SHIPMENT_MIGRATION_PASSWORD";

    private ServiceEnvironment() {
    }

    static Map<String, String> tracking(DataStores data, TenantAccessRoles roles, TenantIdentity identity) {
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
        return environment;
    }

    /**
     * @param trackingUrl      where the shipment service reaches the tracking service
     * @param migrateAtStart   whether the service applies its database migrations at start, which needs
     *                         {@link #SHIPMENT_MIGRATION_PASSWORD} (only the Fargate target can inject a secret)
     */
    static Map<String, String> shipment(DataStores data, TenantAccessRoles roles, TenantIdentity identity,
                                        String trackingUrl, boolean migrateAtStart) {
        String hostAndPort = data.database().getClusterEndpoint().getHostname() + ":"
                + Token.asString(data.database().getClusterEndpoint().getPort());
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
        return environment;
    }
}
