package dev.shiptrack.deploy;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Token;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration each service receives as environment variables, identical on both compute targets. Quarkus
 * maps {@code QUARKUS_OIDC_AUTH_SERVER_URL} to {@code quarkus.oidc.auth-server-url}, {@code TENANT_TVM_ROLE_ARN}
 * to the token vending machine's {@code tenant-tvm.role-arn} (docs/tenant-tvm.md), and so on; the
 * {@code SHIPTRACK_*} names are the services' own keys (listed in docs/deploy.md).
 */
final class ServiceEnvironment {

    static final String TRACKING_SERVICE = "tracking-service";
    static final String SHIPMENT_SERVICE = "shipment-service";
    static final int TRACKING_PORT = 8081;
    static final int SHIPMENT_PORT = 8080;

    private ServiceEnvironment() {
    }

    static Map<String, String> tracking(DataStores data, TenantAccessRoles roles, TenantIdentity identity) {
        Map<String, String> environment = common(identity, "tracking", roles.trackingAccessRole().getRoleArn());
        environment.put("SHIPTRACK_TABLE", data.table().getTableName());
        environment.put("SHIPTRACK_BUCKET", data.bucket().getBucketName());
        environment.put("SHIPTRACK_OPENSEARCH_URL", "https://" + data.domain().getDomainEndpoint());
        return environment;
    }

    /** @param trackingUrl where the shipment service reaches the tracking service */
    static Map<String, String> shipment(DataStores data, TenantAccessRoles roles, TenantIdentity identity,
                                        String trackingUrl) {
        Map<String, String> environment = common(identity, "shipment", roles.shipmentAccessRole().getRoleArn());
        environment.put("SHIPTRACK_DB_HOST", data.database().getClusterEndpoint().getHostname());
        environment.put("SHIPTRACK_DB_PORT", Token.asString(data.database().getClusterEndpoint().getPort()));
        environment.put("SHIPTRACK_DB_NAME", DataStores.DATABASE);
        environment.put("SHIPTRACK_DB_USER", DataStores.POOLED_DATABASE_USER);
        environment.put("SHIPTRACK_TRACKING_URL", trackingUrl);
        return environment;
    }

    /** Token verification, and the token vending machine that turns the token's tenant into credentials. */
    private static Map<String, String> common(TenantIdentity identity, String serviceName, String accessRoleArn) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", identity.issuer());
        environment.put("QUARKUS_OIDC_CLIENT_ID", identity.clientId());
        environment.put("QUARKUS_OIDC_TOKEN_AUDIENCE", identity.clientId());
        environment.put("TENANT_TVM_TENANT_CLAIM", identity.tenantClaim());
        environment.put("TENANT_TVM_ROLE_ARN", accessRoleArn);
        environment.put("TENANT_TVM_REGION", Aws.REGION);
        environment.put("TENANT_TVM_SERVICE_NAME", serviceName);
        return environment;
    }
}
