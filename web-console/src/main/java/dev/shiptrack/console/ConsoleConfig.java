package dev.shiptrack.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

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
}
