package dev.shiptrack.console;

import java.net.URI;

/** Where the console forwards what the pages ask for: one base URL and one path on it per {@code /api} prefix. */
final class Upstreams {

    /** A forwarding rule: requests under {@code prefix} go to {@code base} + {@code targetPath} + the rest. */
    record Upstream(String name, String prefix, URI base, String targetPath) {

        /** The path and query on the upstream for a console path under {@link #prefix()}. */
        String targetUri(String consoleUri) {
            return targetPath + consoleUri.substring(prefix.length());
        }
    }

    private Upstreams() {
    }

    static Upstream shipments(ConsoleConfig config) {
        return new Upstream("shipment-service", "/api/shipments", config.shipmentService(), "/shipments");
    }

    static Upstream tracking(ConsoleConfig config) {
        return new Upstream("tracking-service", "/api/tracking", config.trackingService(), "/tracking");
    }

    static Upstream tenants(ConsoleConfig config) {
        return new Upstream("tenant-service", "/api/tenants", config.tenantService(), "/tenants");
    }

    /** Keycloak's token endpoint: code exchange and refresh, so that the browser talks to one origin only. */
    static Upstream token(ConsoleConfig config) {
        return new Upstream("Keycloak", "/api/token", config.realm(),
                config.realm().getPath() + "/protocol/openid-connect/token");
    }
}
