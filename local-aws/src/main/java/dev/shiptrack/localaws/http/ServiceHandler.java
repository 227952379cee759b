package dev.shiptrack.localaws.http;

import dev.shiptrack.localaws.iam.Principal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** One AWS service behind the edge, chosen by the service name in the request's credential scope. */
public interface ServiceHandler {

    /** The service name in the SigV4 credential scope, e.g. {@code dynamodb}. */
    String signingName();

    WireFormat wireFormat();

    /**
     * Authorizes an authenticated request and answers it (forwarded to the backend, or refused).
     *
     * @param payload the body, with any aws-chunked framing removed
     */
    void handle(HttpServerRequest request, Principal caller, Buffer payload);
}
