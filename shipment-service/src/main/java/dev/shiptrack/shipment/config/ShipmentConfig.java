package dev.shiptrack.shipment.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of shipment-service (prefix {@code shipment}). Connection details of PostgreSQL come from the
 * default reactive datasource ({@code quarkus.datasource.reactive.url}); the tracking-service address from
 * {@code quarkus.rest-client.tracking-service.url}.
 */
@ConfigMapping(prefix = "shipment")
public interface ShipmentConfig {

    /** How the service reaches PostgreSQL on behalf of a tenant. */
    Database database();

    /** Limits of {@code GET /shipments}. */
    Paging paging();

    /** Idempotency keys of {@code POST /shipments}. */
    Idempotency idempotency();

    interface Database {

        /**
         * {@code pooled}: one application role, tenant in the transaction-local setting {@code app.tenant_id};
         * {@code per-tenant-user}: one database role per tenant, policies compare against {@code current_user}.
         */
        @WithDefault("pooled")
        ConnectionStrategy strategy();

        /** Settings used only by the {@code per-tenant-user} strategy. */
        PerTenantUser perTenantUser();

        /** Bounds of every PostgreSQL call, for both strategies (docs/reliability.md). */
        Timeouts timeouts();
    }

    interface Timeouts {

        /** Establishing a TCP connection to PostgreSQL. */
        @WithDefault("500ms")
        Duration connect();

        /** Waiting for a connection of the pool when all are busy (or being opened to a server that hangs). */
        @WithDefault("1s")
        Duration acquire();

        /** A statement without a complete answer after this long closes its connection: it fails, and rolls back. */
        @WithDefault("1500ms")
        Duration answer();
    }

    interface PerTenantUser {

        /**
         * {@code iam-token}: an RDS IAM auth token generated from the tenant's vended credentials (AWS);
         * {@code local-password}: the password in {@code local-password} (local runs, where no IAM auth exists).
         */
        @WithDefault("iam-token")
        PasswordSource passwordSource();

        /** Password of the tenant roles when {@code password-source=local-password}; never used with IAM. */
        Optional<String> localPassword();

        /** Maximum number of connections in one tenant's pool. */
        @WithDefault("4")
        int maxPoolSize();

        /** Maximum number of tenant pools kept open; beyond it the least recently used pool is closed. */
        @WithDefault("200")
        int maxTenantPools();

        /** A tenant pool that served no request for this long is closed. */
        @WithDefault("PT5M")
        Duration idleEviction();
    }

    interface Paging {

        /** Page size when the request gives none. */
        @WithDefault("20")
        int defaultSize();

        /** Largest page size a request may ask for; larger sizes get 400. */
        @WithDefault("100")
        int maxSize();

        /** Largest page number a request may ask for (bounds the OFFSET the database has to skip). */
        @WithDefault("10000")
        int maxPage();
    }

    interface Idempotency {

        /** How long a key answers a retry with the shipment it created; after it, the key creates a new one. */
        @WithDefault("P1D")
        Duration keep();
    }

    enum ConnectionStrategy {
        POOLED,
        PER_TENANT_USER
    }

    enum PasswordSource {
        IAM_TOKEN,
        LOCAL_PASSWORD
    }
}
