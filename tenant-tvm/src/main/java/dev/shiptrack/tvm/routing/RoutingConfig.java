package dev.shiptrack.tvm.routing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tenant routing (hostnames, the edge's signed tenant header) and per-tier rate limits, under {@code tenant-routing}. */
@ConfigMapping(prefix = "tenant-routing")
public interface RoutingConfig {

    /** {@code off}: the tenant comes from the JWT alone; {@code host}: the request's host must name the JWT's tenant. */
    @WithDefault("off")
    Mode mode();

    /** Parent domain of the tenant subdomains {@code <tenant>.<base domain>}; custom hostnames come from the registry. */
    @WithDefault("shiptrack.localhost")
    String baseDomain();

    /** Hosts that route by the JWT alone even in {@code host} mode (the local run's curl walkthrough); never behind an edge. */
    @WithDefault("localhost,127.0.0.1")
    List<String> unroutedHosts();

    /** The routes registry ({@code _routes} partition of the pooled table), read with the service's own identity. */
    Registry registry();

    /** The deployment's edge (CloudFront), which signs the tenant headers it sets. */
    Edge edge();

    /** Requests per second and burst per tier, counted per tenant and per service instance. */
    Limits limits();

    /** Whether a request's host or edge headers name its tenant (or are refused), i.e. whether routing checks run at all. */
    default boolean routesRequests() {
        return mode() != Mode.OFF || edge().mode() != EdgeMode.NONE;
    }

    /** Routing modes. */
    enum Mode {
        OFF,
        HOST
    }

    /** Whether requests must come through the edge. */
    enum EdgeMode {
        /** No edge: a request carrying any edge header is refused, since nothing could have signed it. */
        NONE,
        /** Every request (health endpoints aside) must carry a valid edge signature; direct calls are refused. */
        REQUIRED
    }

    /** The routes registry. */
    interface Registry {

        /** The pooled DynamoDB table holding the {@code _routes} partition. */
        Optional<String> table();

        /** How often the whole registry is read again: how long a tier, storage model or removed hostname may be stale. */
        @WithDefault("10s")
        Duration refreshInterval();

        /**
         * How long start-up waits for the first read; the service then starts anyway and answers routed requests 503
         * until a read succeeds. Reading before the first request matters most on Lambda, where a cold start serves
         * its request at once.
         */
        @WithDefault("5s")
        Duration startupWait();

        /**
         * Least time between two reads caused by requests for a host the snapshot does not know (a hostname just
         * registered, or a Lambda function whose background refresh was frozen between invocations); such a request
         * waits for the read, at most {@code unknown-host-wait}, before it is refused 421.
         */
        @WithDefault("1s")
        Duration unknownHostReread();

        /** Longest wait of a request for a read caused by its unknown host; past it, the request is decided on the snapshot it has. */
        @WithDefault("2s")
        Duration unknownHostWait();
    }

    /** The edge's signature. */
    interface Edge {

        /** {@code none} or {@code required}. */
        @WithDefault("none")
        EdgeMode mode();

        /** Accepted signing secrets, the newest first; two during a rotation. */
        Optional<List<String>> secrets();

        /** Largest difference between the signature's time and the service's clock. */
        @WithDefault("300s")
        Duration maxSkew();
    }

    /** Rate limits by tier. */
    interface Limits {

        /** Whether requests are counted and throttled at all. */
        @WithDefault("false")
        boolean enabled();

        /** Tier {@code basic}, and tenants the registry does not list. */
        @WithDefault("20")
        double basicRequestsPerSecond();

        /** Burst of tier {@code basic}. */
        @WithDefault("40")
        int basicBurst();

        /** Tier {@code standard}. */
        @WithDefault("100")
        double standardRequestsPerSecond();

        /** Burst of tier {@code standard}. */
        @WithDefault("200")
        int standardBurst();

        /** Tier {@code premium}. */
        @WithDefault("500")
        double premiumRequestsPerSecond();

        /** Burst of tier {@code premium}. */
        @WithDefault("1000")
        int premiumBurst();
    }
}
