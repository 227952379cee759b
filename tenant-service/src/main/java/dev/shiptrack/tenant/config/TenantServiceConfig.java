package dev.shiptrack.tenant.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Pattern;

import dev.shiptrack.tenant.model.TenantHostname;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of tenant-service, the control plane (prefix {@code tenant-service}); every key is in docs/tenant-service.md. */
@ConfigMapping(prefix = "tenant-service")
public interface TenantServiceConfig {

    /** The realm role a token must carry to call the tenant API. */
    @WithDefault("platform-operator")
    String operatorRole();

    /** Tenant ids that are never onboarded, besides the rule {@code [a-z0-9]{3,32}} (names of the platform itself). */
    Set<String> reservedIds();

    /** Whether {@code POST /tenants} accepts {@code admin.password}: local and test profiles only; elsewhere the identity provider invites the user. */
    @WithDefault("false")
    boolean acceptAdminPassword();

    /**
     * How long an onboarding or offboarding may go without recording a step before the same request again takes it
     * over (its process died, or its function timed out); longer than any one step may take.
     */
    @WithDefault("10m")
    Duration stalledAfter();

    /** Largest page a {@code GET /tenants} may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /**
     * How long offboarding's erasure of a tenant's shipments (one statement, growing with the tenant) may wait for
     * PostgreSQL's answer; every other statement waits the pool's socket timeout of seconds.
     */
    @WithDefault("60s")
    Duration eraseShipmentsTimeout();

    /** The data-plane stores, as tracking-service names them. */
    Stores stores();

    /** The tenant's database role (per-tenant-user strategy of shipment-service). */
    TenantDatabaseRole tenantDatabaseRole();

    /** The identity provider's admin API. */
    Identity identity();

    /** The routes registry, which tells the services which tenant a request's hostname belongs to. */
    Routing routing();

    /** Moving a tenant's items between the pooled table and its silo table ({@code PUT /tenants/{id}/storage}). */
    StorageMove storageMove();

    interface Stores {

        /** The pooled DynamoDB table of tracking-service. */
        String table();

        /** The S3 bucket of delivery documents. */
        String bucket();

        /** The OpenSearch domain's endpoint, e.g. {@code https://search-tracking-....es.amazonaws.com}. */
        URI opensearchEndpoint();

        /**
         * How long a step waits for a tenant's silo table {@code <table>-<tenant>} to become ACTIVE after creating it,
         * or to be gone after deleting it, polling DescribeTable; a step still waiting then fails (and resumes).
         */
        @WithDefault("2m")
        Duration siloTableWait();
    }

    interface TenantDatabaseRole {

        /** Password of new tenant roles, local runs only (no IAM authentication there); absent on AWS. */
        Optional<String> localPassword();

        /** Whether new tenant roles get {@code rds_iam} (Aurora's IAM authentication), as on AWS. */
        @WithDefault("false")
        boolean iamAuthentication();
    }

    interface Identity {

        /** {@code keycloak} (its admin REST API, locally) or {@code cognito} (a Cognito user pool, on AWS). */
        @WithDefault("keycloak")
        Provider provider();

        /** The Cognito user pool, with {@code provider=cognito}. */
        Optional<String> cognitoUserPoolId();

        /** Realm whose users carry the {@code tenantId} attribute (Keycloak). */
        @WithDefault("tracking")
        String realm();

        /** The user attribute (admin-only in the user profile) that becomes the token's {@code tenantId} claim. */
        @WithDefault("tenantId")
        String tenantAttribute();
    }

    interface Routing {

        /**
         * The lowercase DNS name under which every tenant gets its subdomain {@code <tenant>.<base-domain>}; custom
         * hostnames under it are refused.
         */
        @WithDefault("shiptrack.localhost")
        @Pattern(regexp = TenantHostname.DNS_NAME, message = "must be a lowercase DNS name of at least two labels")
        String baseDomain();
    }

    interface StorageMove {

        /**
         * How long a move waits after switching the routes item's {@code storage} before it copies what the services
         * wrote to the old table meanwhile and erases it: the services read the routes registry every
         * {@code tenant-routing.registry.refresh-interval} (10 s by default), so a snapshot and a request that took
         * its table from it can be up to about two intervals old; 30 s is that plus a margin for slow requests and
         * eventually consistent reads. Keep it above twice the services' interval.
         */
        @WithDefault("30s")
        Duration drain();
    }

    /** The identity providers tenant-service can manage users in. */
    enum Provider {
        KEYCLOAK,
        COGNITO
    }
}
