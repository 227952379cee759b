package dev.shiptrack.tvm.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The OpenID provider cannot be reached (discovery or keys): Quarkus OIDC then fails the request with its
 * {@code io.quarkus.oidc.OIDCException}, which would otherwise become a 500. It is recognised by class name because
 * this module does not depend on quarkus-oidc (a consumer may use quarkus-smallrye-jwt instead, as its tests do).
 * A bad token is an authentication failure (401) and never lands here.
 */
public final class IdentityProviderUnavailable {

    static final String OIDC_EXCEPTION = "io.quarkus.oidc.OIDCException";
    static final String RETRY_AFTER_SECONDS = "10";
    static final Problem PROBLEM = Problem.of("identity-provider-unavailable", "Identity provider unavailable", 503,
            "The token cannot be verified right now; try again later");

    private IdentityProviderUnavailable() {
    }

    /** Whether the failure, or one of its causes, is Quarkus OIDC's. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (OIDC_EXCEPTION.equals(cause.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    /** The 503 problem, with a hint when to try again. */
    public static Response response() {
        return Response.fromResponse(PROBLEM.toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
