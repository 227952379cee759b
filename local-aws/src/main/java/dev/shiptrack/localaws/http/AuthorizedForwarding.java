package dev.shiptrack.localaws.http;

import dev.shiptrack.localaws.iam.AccessCheck;
import dev.shiptrack.localaws.iam.Authorizer;
import dev.shiptrack.localaws.iam.Principal;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The request skeleton of a service the edge forwards to a backend: refuse when no backend is configured, derive
 * the request's access checks, authorize every one (the first denial refuses the request), then forward. Each
 * refusal is written in the service's own wire format.
 */
public final class AuthorizedForwarding {

    private final String serviceName;
    private final Authorizer authorizer;
    private final Optional<BackendForwarder> backend;
    private final WireFormat wireFormat;

    /**
     * @param serviceName the service as the refusal without a backend names it, e.g. {@code S3}
     */
    public AuthorizedForwarding(String serviceName, Authorizer authorizer, Optional<BackendForwarder> backend,
                                WireFormat wireFormat) {
        this.serviceName = serviceName;
        this.authorizer = authorizer;
        this.backend = backend;
        this.wireFormat = wireFormat;
    }

    /**
     * Refuses without a backend, else {@link #authorizeThenForward authorizes and forwards}.
     *
     * @param checks derives the request's checks; throws {@link RefusedRequestException} for a request it refuses
     */
    public void handle(HttpServerRequest request, Principal caller, Supplier<List<AccessCheck>> checks,
                       Consumer<BackendForwarder> forward) {
        if (!refusedWithoutBackend(request.response())) {
            authorizeThenForward(request.response(), caller, checks, forward);
        }
    }

    /** Refuses the request if no backend is configured; {@code true} if it did. */
    public boolean refusedWithoutBackend(HttpServerResponse response) {
        if (backend.isPresent()) {
            return false;
        }
        wireFormat.refuse(response, Refusal.BACKEND_UNAVAILABLE, "No " + serviceName + " backend is configured");
        return true;
    }

    /**
     * Derives the checks, authorizes each and forwards to the backend if all are allowed. For a service that reads
     * more of the request first (DynamoDB's key schemas), after {@link #refusedWithoutBackend} returned false.
     *
     * @param checks derives the request's checks; throws {@link RefusedRequestException} for a request it refuses
     */
    public void authorizeThenForward(HttpServerResponse response, Principal caller,
                                     Supplier<List<AccessCheck>> checks, Consumer<BackendForwarder> forward) {
        List<AccessCheck> derived;
        try {
            derived = checks.get();
        } catch (RefusedRequestException e) {
            wireFormat.refuse(response, e.refusal(), e.getMessage());
            return;
        }
        Optional<String> denial = authorizer.firstDenial(caller, derived);
        if (denial.isPresent()) {
            wireFormat.refuse(response, Refusal.ACCESS_DENIED, denial.get());
            return;
        }
        forward.accept(backend.orElseThrow());
    }
}
