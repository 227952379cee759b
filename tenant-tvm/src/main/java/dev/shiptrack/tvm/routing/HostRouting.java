package dev.shiptrack.tvm.routing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shiptrack.tvm.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the request's host to a tenant before anything else runs, and decides whether to believe the edge's
 * tenant headers: only with a valid signature, and only in a deployment that has an edge. The JWT's tenant is
 * compared with the result later ({@link TenantRequestGate}), once the token is verified. Health and metrics
 * ({@code /q/}) are exempt: load balancers probe them on the origin's own address.
 */
@ApplicationScoped
public class HostRouting {

    static final Logger AUDIT = Logger.getLogger("dev.shiptrack.tvm.routing.audit");

    /** After the body size check, before authentication and every endpoint. */
    private static final int ORDER = Integer.MIN_VALUE + 200;
    private static final List<String> EDGE_HEADERS = List.of(EdgeSignature.TENANT_HEADER, EdgeSignature.HOST_HEADER,
            EdgeSignature.SIGNATURE_HEADER);

    private final RoutingConfig config;
    private final RoutesRegistry registry;
    private final Clock clock;

    HostRouting(RoutingConfig config, RoutesRegistry registry, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    void install(@Observes Router router) {
        if (!config.routesRequests()) {
            return;
        }
        router.route().order(ORDER).handler(this::route);
    }

    private void route(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.path().startsWith("/q/")) {
            context.next();
            return;
        }
        boolean edgeHeaders = EDGE_HEADERS.stream().anyMatch(header -> request.headers().contains(header));
        Optional<String> edgeTenant = Optional.empty();
        String host;
        if (config.edge().mode() == RoutingConfig.EdgeMode.REQUIRED) {
            Optional<String> refusal = edgeRefusal(request);
            if (refusal.isPresent()) {
                AUDIT.warnf("isolation-refusal layer=tenant-routing reason=edge-signature detail=\"%s\" path=%s",
                        refusal.get(), request.path());
                refuse(context, Problem.of("edge-signature-invalid", "Not sent through the edge", 403, refusal.get()));
                return;
            }
            host = request.getHeader(EdgeSignature.HOST_HEADER);
            edgeTenant = Optional.ofNullable(request.getHeader(EdgeSignature.TENANT_HEADER)).filter(t -> !t.isEmpty());
        } else if (edgeHeaders) {
            AUDIT.warnf("isolation-refusal layer=tenant-routing reason=untrusted-tenant-header path=%s", request.path());
            refuse(context, Problem.of("untrusted-tenant-header", "Tenant headers are not accepted", 403,
                    "This deployment has no edge: X-Tenant-Id, X-Tenant-Host and X-Edge-Signature are never believed"
                            + " from a client"));
            return;
        } else {
            HostAndPort authority = request.authority();
            host = authority == null ? "" : TenantRoutes.normalise(authority.host());
        }
        resolve(context, host, edgeTenant, true);
    }

    /**
     * Finds the host's tenant in the snapshot and checks it against the edge's, then lets the request go on. A host the
     * snapshot does not know (registered since the last read, or a snapshot a frozen Lambda function could not
     * refresh) is looked up once more after a shared, rate-limited read before it is refused; the body waits, paused,
     * as during authentication.
     */
    private void resolve(RoutingContext context, String host, Optional<String> edgeTenant, boolean mayReread) {
        Optional<String> hostTenant = Optional.empty();
        if (config.mode() == RoutingConfig.Mode.HOST && !unrouted(host)) {
            Optional<TenantRoutes> routes = registry.current();
            hostTenant = routes.flatMap(known -> known.tenantOfHost(host));
            if (hostTenant.isEmpty() && mayReread) {
                Context requestContext = Vertx.currentContext();
                HttpServerRequest request = context.request();
                request.pause();
                registry.rereadForUnknownHost().whenComplete((read, failure) -> requestContext.runOnContext(ignored -> {
                    request.resume();
                    resolve(context, host, edgeTenant, false);
                }));
                return;
            }
            if (routes.isEmpty()) {
                context.response().putHeader(HttpHeaders.RETRY_AFTER, "2");
                refuse(context, Problem.of("routing-unavailable", "Tenant routing unavailable", 503,
                        "The hostname registry has not been read yet; try again shortly"));
                return;
            }
            if (hostTenant.isEmpty()) {
                refuse(context, Problem.of("unknown-host", "Unknown host", 421,
                        "No tenant is served on this host"));
                return;
            }
        }
        if (hostTenant.isPresent() && edgeTenant.isPresent() && !hostTenant.equals(edgeTenant)) {
            AUDIT.warnf("isolation-refusal layer=tenant-routing reason=edge-host-disagree host=%s hostTenant=%s"
                    + " edgeTenant=%s", host, hostTenant.get(), edgeTenant.get());
            refuse(context, TenantRequestGate.mismatch());
            return;
        }
        context.put(RequestRoute.CONTEXT_KEY, new RequestRoute(host, hostTenant, edgeTenant));
        context.next();
    }

    /** Why the edge headers cannot be believed, empty when they can. */
    private Optional<String> edgeRefusal(HttpServerRequest request) {
        for (String header : EDGE_HEADERS) {
            if (request.headers().getAll(header).size() > 1) {
                return Optional.of(header + " appears more than once");
            }
        }
        String host = request.getHeader(EdgeSignature.HOST_HEADER);
        String signature = request.getHeader(EdgeSignature.SIGNATURE_HEADER);
        if (host == null || signature == null) {
            return Optional.of("The request did not come through the edge");
        }
        String tenant = Optional.ofNullable(request.getHeader(EdgeSignature.TENANT_HEADER)).orElse("");
        EdgeSignature.Verdict verdict = EdgeSignature.verify(signature, host, tenant,
                config.edge().secrets().orElse(List.of()), clock.instant(), config.edge().maxSkew());
        return switch (verdict) {
            case VALID -> Optional.empty();
            case MALFORMED -> Optional.of("The edge signature is malformed");
            case WRONG_SIGNATURE -> Optional.of("The edge signature does not match the tenant headers");
            case OUT_OF_TIME -> Optional.of("The edge signature is outside the accepted time window");
        };
    }

    private boolean unrouted(String host) {
        return config.edge().mode() == RoutingConfig.EdgeMode.NONE && config.unroutedHosts().contains(host);
    }

    static void refuse(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.toJson());
    }
}
