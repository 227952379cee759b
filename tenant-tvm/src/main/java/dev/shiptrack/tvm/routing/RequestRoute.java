package dev.shiptrack.tvm.routing;

import java.util.Optional;

/**
 * What the request's host and the edge said about its tenant, before the JWT is read.
 *
 * @param host       the host routed on: the edge's signed viewer host, or the request's own
 * @param hostTenant the tenant the registry maps the host to; empty on an unrouted host
 * @param edgeTenant the tenant the edge signed; empty without an edge or when the edge resolved none
 */
public record RequestRoute(String host, Optional<String> hostTenant, Optional<String> edgeTenant) {

    /** Key of the route in the Vert.x routing context. */
    static final String CONTEXT_KEY = RequestRoute.class.getName();

    /** The tenant both sources named, when any did (they were checked to agree). */
    Optional<String> tenant() {
        return hostTenant.or(() -> edgeTenant);
    }
}
