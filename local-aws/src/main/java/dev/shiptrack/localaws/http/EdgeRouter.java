package dev.shiptrack.localaws.http;

import dev.shiptrack.localaws.sigv4.Authentication;
import dev.shiptrack.localaws.sigv4.RequestAuthenticator;
import dev.shiptrack.localaws.sigv4.SignedRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The single entry point of the edge: authenticates each request and hands it to the service named in its
 * credential scope. Unsigned requests are refused, except the health check.
 */
public final class EdgeRouter implements Handler<HttpServerRequest> {

    /** Unsigned readiness probe. */
    public static final String HEALTH_PATH = "/_localaws/health";

    private static final Logger LOG = Logger.getLogger(EdgeRouter.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Map<String, ServiceHandler> services;
    private final RequestAuthenticator authenticator;
    private final Clock clock;
    private final WireFormat unsignedFormat;

    public EdgeRouter(List<ServiceHandler> services, RequestAuthenticator authenticator, Clock clock,
                      WireFormat unsignedFormat) {
        this.services = services.stream().collect(Collectors.toMap(ServiceHandler::signingName, Function.identity()));
        this.authenticator = authenticator;
        this.clock = clock;
        this.unsignedFormat = unsignedFormat;
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.response().putHeader("Date", HTTP_DATE.format(clock.instant()));
        request.body()
                .onSuccess(body -> {
                    try {
                        dispatch(request, body);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Failed to handle %s %s", request.method(), request.uri());
                        if (!request.response().headWritten()) {
                            request.response().setStatusCode(500).end();
                        }
                    }
                })
                .onFailure(failure -> request.response().setStatusCode(400).end());
    }

    private void dispatch(HttpServerRequest request, io.vertx.core.buffer.Buffer body) {
        Optional<SignedRequest> signed = SignedRequest.of(request);
        if (signed.isEmpty()) {
            if (request.method() == HttpMethod.GET && HEALTH_PATH.equals(request.path())) {
                request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
                return;
            }
            unsignedFormat.refuse(request.response(), Refusal.MISSING_AUTHENTICATION, "Missing Authentication Token");
            return;
        }
        ServiceHandler service = services.get(signed.get().service());
        if (service == null) {
            unsignedFormat.error(request.response(), 400, "message", "The local edge does not serve the service '"
                    + signed.get().service() + "' (it serves " + services.keySet() + ")");
            return;
        }
        Authentication authentication = authenticator.authenticate(request, body, signed.get());
        if (authentication instanceof Authentication.Authenticated authenticated) {
            service.handle(request, authenticated.principal(), authenticated.payload());
        } else if (authentication instanceof Authentication.Refused refused) {
            service.wireFormat().refuse(request.response(), refused.refusal(), refused.message());
        }
    }
}
