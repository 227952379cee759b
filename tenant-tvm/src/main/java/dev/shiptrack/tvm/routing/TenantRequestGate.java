package dev.shiptrack.tvm.routing;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.shiptrack.tvm.problem.Problem;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * Admits an authenticated request only when the three sources of its tenant agree (the host's tenant, the edge's
 * signed tenant, the JWT's tenantId) and the tenant is within its tier's rate limit. A disagreement is 403 and
 * logged as an isolation refusal; nothing falls back to a default tenant.
 */
public class TenantRequestGate {

    private final RoutingConfig config;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest vertxRequest;
    private final CurrentTenant currentTenant;
    private final RoutesRegistry registry;
    private final TenantRateLimiter limiter;

    TenantRequestGate(RoutingConfig config, CurrentIdentityAssociation identities, CurrentVertxRequest vertxRequest,
                      CurrentTenant currentTenant, RoutesRegistry registry, TenantRateLimiter limiter) {
        this.config = config;
        this.identities = identities;
        this.vertxRequest = vertxRequest;
        this.currentTenant = currentTenant;
        this.registry = registry;
        this.limiter = limiter;
    }

    /** After authentication, so the tenant is the verified token's. */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    Uni<Response> admit() {
        if (!config.routesRequests() && !config.limits().enabled()) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> identity.isAnonymous() ? null : decide());
    }

    private Response decide() {
        String tenant = currentTenant.get().value();
        RequestRoute route = vertxRequest.getCurrent().get(RequestRoute.CONTEXT_KEY);
        if (route != null && route.tenant().filter(routed -> !routed.equals(tenant)).isPresent()) {
            HostRouting.AUDIT.warnf("isolation-refusal layer=tenant-routing reason=token-host-disagree tenant=%s"
                    + " host=%s hostTenant=%s edgeTenant=%s", tenant, route.host(), route.hostTenant().orElse("-"),
                    route.edgeTenant().orElse("-"));
            return mismatch().toResponse();
        }
        if (!config.limits().enabled()) {
            return null;
        }
        String tier = registry.current().flatMap(routes -> routes.tierOf(tenant)).orElse(TenantRateLimiter.DEFAULT_TIER);
        long retryAfter = limiter.admit(tenant, tier);
        if (retryAfter == 0) {
            return null;
        }
        return Response.fromResponse(Problem.of("too-many-requests", "Too many requests", 429,
                        "Tenant " + tenant + " is above the " + tier + " tier's request rate").toResponse())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }

    /** The one answer to any disagreement between host, edge and token: never which source said what. */
    static Problem mismatch() {
        return Problem.of("tenant-mismatch", "Tenant mismatch", 403,
                "The tenant of this host does not match the tenant of the token");
    }
}
