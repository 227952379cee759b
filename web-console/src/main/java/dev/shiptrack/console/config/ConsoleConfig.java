package dev.shiptrack.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The web console's settings ({@code console.*}); docs/console.md lists them with their environment variables. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** Base URL of shipment-service; the console forwards {@code /api/shipments/...} to {@code <url>/shipments/...}. */
    URI shipmentService();

    /** Base URL of tracking-service; the console forwards {@code /api/tracking/...} to {@code <url>/tracking/...}. */
    URI trackingService();

    /** Base URL of tenant-service, the control plane; {@code /api/tenants/...} goes to {@code <url>/tenants/...}. */
    URI tenantService();

    /**
     * The Keycloak realm as the browser reaches it, which is also the issuer the services expect (for example
     * {@code http://127.0.0.1:8180/realms/tracking}): the browser is sent to its login and logout pages, and
     * {@code /api/token} is forwarded to its token endpoint.
     */
    URI realm();

    /** The realm's public client the pages log in with (authorization code flow with PKCE, S256). */
    @WithDefault("tracking-web")
    String clientId();

    /** How long a forwarded request may wait for its answer before the console gives up with a 502 problem. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    /** The isolation lab (docs/console.md): off unless the local run switches it on. */
    Lab lab();

    /** Settings of the isolation lab, where a page plays a buggy service holding one tenant's credentials. */
    interface Lab {

        /** Serves {@code /lab} and its API; only {@code ./local-run} switches it on ({@code CONSOLE_LAB_ENABLED}). */
        @WithDefault("false")
        boolean enabled();

        /** The edge's audit trail (one JSON line per authorization decision), followed as it grows. */
        Optional<Path> auditFile();

        /** The local AWS edge (STS, DynamoDB, S3, OpenSearch) that receives the forged requests. */
        Optional<URI> awsEdge();

        /** Access key of the service the lab plays (tracking-service's local key); never shown or logged. */
        Optional<String> accessKey();

        /** Secret key of that service, used to sign its AssumeRole only; never shown or logged. */
        Optional<String> secretKey();

        /** The role whose tenant sessions the lab takes, as tracking-service's token vending machine does. */
        @WithDefault("arn:aws:iam::123456789012:role/TrackingAccessRole")
        String roleArn();

        /** The tenant whose credentials the buggy service holds. */
        @WithDefault("yellow")
        String ownTenant();

        /** The tenant whose data the buggy service asks for. */
        @WithDefault("blue")
        String otherTenant();

        /** The pooled DynamoDB table. */
        @WithDefault("TrackingData")
        String table();

        /** The documents bucket. */
        @WithDefault("tracking-documents")
        String bucket();

        /** The region requests are signed for. */
        @WithDefault("us-east-1")
        String region();
    }
}
