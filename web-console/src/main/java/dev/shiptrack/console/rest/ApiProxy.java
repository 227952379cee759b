package dev.shiptrack.console.rest;

import dev.shiptrack.console.client.Upstreams;
import dev.shiptrack.console.client.Upstreams.Upstream;
import dev.shiptrack.console.config.ConsoleConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;

/**
 * The same-origin gateway of the pages: {@code /api/shipments}, {@code /api/tracking} and {@code /api/tenants} are
 * forwarded to the three services, {@code POST /api/token} to Keycloak's token endpoint. The browser sends the
 * user's token itself; the console keeps nothing and forwards only the headers an API needs (never cookies), so the
 * services see the same request as from curl. Why a gateway rather than CORS: docs/console.md.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final Set<String> REQUEST_HEADERS = Set.of("authorization", "content-type", "content-length",
            "accept", "idempotency-key");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "content-length", "retry-after",
            "www-authenticate", "content-disposition", "cache-control");
    private static final Set<HttpMethod> WITHOUT_BODY = Set.of(HttpMethod.GET, HttpMethod.DELETE, HttpMethod.HEAD);

    private final ConsoleConfig config;
    private final HttpClient client;

    ApiProxy(ConsoleConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
    }

    void routes(@Observes Router router) {
        for (Upstream upstream : List.of(Upstreams.shipments(config), Upstreams.tracking(config),
                Upstreams.tenants(config))) {
            router.route(upstream.prefix()).handler(context -> forward(context, upstream));
            router.route(upstream.prefix() + "/*").handler(context -> forward(context, upstream));
        }
        Upstream token = Upstreams.token(config);
        router.post(token.prefix()).handler(context -> forward(context, token));
        router.route("/api/*").handler(context -> Problems.send(context.response(), 404, "not-found", "Not found",
                "The console forwards /api/shipments, /api/tracking, /api/tenants and POST /api/token only"));
    }

    private void forward(RoutingContext context, Upstream upstream) {
        HttpServerRequest in = context.request();
        in.pause();
        // The normalized path (dot segments resolved) is the one the route matched, so the prefix is really there.
        String path = context.normalizedPath() + (in.query() == null ? "" : "?" + in.query());
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.base().getHost())
                .setPort(upstream.base().getPort())
                .setURI(upstream.targetUri(path))
                .setIdleTimeout(config.upstreamTimeout().toMillis());
        in.headers().forEach((name, value) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase())) {
                options.addHeader(name, value);
            }
        });
        client.request(options)
                .compose(out -> send(out, in))
                .onSuccess(answer -> relay(answer, context.response()))
                .onFailure(failure -> unavailable(context, upstream, failure));
    }

    private static Future<HttpClientResponse> send(HttpClientRequest out, HttpServerRequest in) {
        boolean noBody = WITHOUT_BODY.contains(in.method()) && in.getHeader("content-length") == null;
        if (noBody) {
            in.resume();
            return out.send();
        }
        return out.send(in);
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach((name, value) -> {
            if (RESPONSE_HEADERS.contains(name.toLowerCase())) {
                response.putHeader(name, value);
            }
        });
        if (answer.getHeader("content-length") == null) {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private static void unavailable(RoutingContext context, Upstream upstream, Throwable failure) {
        LOG.warnf("%s %s: %s did not answer: %s", context.request().method(), context.normalizedPath(),
                upstream.name(), failure.toString());
        if (!context.response().headWritten()) {
            Problems.send(context.response(), 502, "upstream-unavailable", upstream.name() + " unavailable",
                    upstream.name() + " did not answer; try again in a moment");
        } else {
            context.response().reset();
        }
    }
}
