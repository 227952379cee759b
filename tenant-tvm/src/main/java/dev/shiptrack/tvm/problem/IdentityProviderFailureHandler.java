package dev.shiptrack.tvm.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;

/**
 * Answers {@link IdentityProviderUnavailable} with its 503 problem where authentication runs before the REST layer
 * (proactive authentication, the Quarkus default), so no exception mapper sees the failure. Services that
 * authenticate inside the REST layer ({@code quarkus.http.auth.proactive=false}) map it in their catch-all mapper.
 */
@ApplicationScoped
public class IdentityProviderFailureHandler {

    private static final Logger LOG = Logger.getLogger(IdentityProviderFailureHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().ended() || !IdentityProviderUnavailable.causedBy(context.failure())) {
                context.next();
                return;
            }
            LOG.warnf("OpenID provider unavailable: %s", context.failure().getMessage());
            context.response()
                    .setStatusCode(IdentityProviderUnavailable.PROBLEM.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.RETRY_AFTER, IdentityProviderUnavailable.RETRY_AFTER_SECONDS)
                    .end(IdentityProviderUnavailable.PROBLEM.toJson());
        });
    }
}
