package dev.shiptrack.console.client;

import dev.shiptrack.console.config.ConsoleConfig;

import java.net.URI;

/** Where the console forwards what the pages ask for: one base URL and one path on it per {@code /api} prefix. */
public final class Upstreams {

    /** A forwarding rule: requests under {@code prefix} go to {@code base} + {@code targetPath} + the rest. */
    public record Upstream(String name, String prefix, URI base, String targetPath) {

        /** The path and query on the upstream for a console path under {@link #prefix()}. */
        public String targetUri(String consoleUri) {
            return targetPath + consoleUri.substring(prefix.length());
        }
    }

    private Upstreams() {
    }

    public static Upstream shipments(ConsoleConfig config) {
        return new Upstream("shipment-service", "/api/shipments", config.shipmentService(), "/shipments");
    }

    public static Upstream tracking(ConsoleConfig config) {
        return new Upstream("tracking-service", "/api/tracking", config.trackingService(), "/tracking");
    }

    public static Upstream tenants(ConsoleConfig config) {
        return new Upstream("tenant-service", "/api/tenants", config.tenantService(), "/tenants");
    }

    /** Keycloak's token endpoint: code exchange and refresh, so that the browser talks to one origin only. */
    public static Upstream token(ConsoleConfig config) {
        return new Upstream("Keycloak", "/api/token", config.realm(),
                config.realm().getPath() + "/protocol/openid-connect/token");
    }
}
