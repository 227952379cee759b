package dev.shiptrack.tracking.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the tracking service (prefix {@code tracking.}). AWS endpoints and region of the DynamoDB and S3
 * clients are the Quarkiverse keys ({@code quarkus.dynamodb.*}, {@code quarkus.s3.*}); the role the tenant
 * credentials come from is {@code tenant-tvm.role-arn}.
 */
@ConfigMapping(prefix = "tracking")
public interface TrackingConfig {

    /** DynamoDB table with the events ({@code pk = <tenant>#<shipmentId>}) and each tenant's re-index outbox. */
    @WithDefault("TrackingData")
    String table();

    /** S3 bucket for delivery documents ({@code <tenant>/<shipmentId>/<name>}). */
    @WithDefault("tracking-documents")
    String bucket();

    /** The OpenSearch domain holding one index per tenant ({@code <tenant>-tracking}). */
    OpenSearch opensearch();

    /** Size limits of requests and responses. */
    Limits limits();

    /** Re-indexing of events whose indexing failed. */
    Reindex reindex();

    /** The tenant's status, projected by the control plane (tenant-service) into the tenant's partition. */
    TenantStatus tenantStatus();

    /** Idempotency keys of {@code POST /tracking/{shipmentId}/events}. */
    Idempotency idempotency();

    interface Idempotency {
        /** How long a key answers a retry with the event it recorded; after it, the key records a new event. */
        @WithDefault("P1D")
        Duration keep();
    }

    /**
     * How long the store calls of one request may take together, counted from its first: each call waits at most
     * what is left (and never longer than its own timeout), so a request is answered within about this much while a
     * store is slow or hangs (503 once it is spent).
     */
    @WithDefault("1800ms")
    Duration storeCallBudget();

    /** The readiness check's probes of DynamoDB, OpenSearch, S3 and STS. */
    Readiness readiness();

    interface Readiness {
        /** How long each probe may take before its backend counts as DOWN (a hung backend, not only a refused one). */
        @WithDefault("1500ms")
        Duration probeTimeout();
    }

    interface TenantStatus {
        /** How long a read status is trusted: a suspension takes effect within this time. */
        @WithDefault("5s")
        Duration cacheTtl();

        /** Most tenants whose status is kept; beyond it the cache starts over. */
        @WithDefault("10000")
        int maxTenants();
    }

    interface OpenSearch {
        /** Domain endpoint (https://search-....es.amazonaws.com, or the local AWS edge). */
        URI endpoint();

        /** Domain name, as in the {@code domain/<name>/...} resource ARNs of the access policy. */
        @WithDefault("tracking")
        String domain();

        /** How long connecting to the domain may take. */
        @WithDefault("500ms")
        Duration connectTimeout();

        /**
         * How long one request may wait for the domain's answer: bounds a write (the event is already stored, the
         * answer says {@code "indexed": false}) and a search (503) while the domain hangs.
         */
        @WithDefault("1500ms")
        Duration readTimeout();
    }

    interface Limits {
        /** Largest accepted event body in bytes (413 above). */
        @WithDefault("16384")
        int eventBodyBytes();

        /** Largest accepted delivery document in bytes (413 above). */
        @WithDefault("5242880")
        int documentBytes();

        /** Most events one history or ETA request reads. */
        @WithDefault("1000")
        int historyEvents();

        /** Most hits one search returns. */
        @WithDefault("50")
        int searchHits();
    }

    interface Reindex {
        /** How often the re-indexer drains the outboxes of tenants with pending events. */
        @WithDefault("30s")
        Duration every();

        /** Most outbox entries re-indexed per tenant and run. */
        @WithDefault("100")
        int batchSize();

        /** How long a drained outbox entry is kept before DynamoDB's TTL (attribute {@code expiresAt}) removes it. */
        @WithDefault("P1D")
        Duration keepDone();
    }
}
