package dev.shiptrack.localaws.sigv4;

import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.iam.Principal;
import io.vertx.core.buffer.Buffer;

/** The outcome of checking a request's signature. */
public sealed interface Authentication {

    /**
     * @param payload the body as the service sees it (aws-chunked framing removed)
     */
    record Authenticated(Principal principal, Buffer payload) implements Authentication {
    }

    record Refused(Refusal refusal, String message) implements Authentication {
    }
}
