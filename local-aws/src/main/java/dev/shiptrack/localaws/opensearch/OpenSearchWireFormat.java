package dev.shiptrack.localaws.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.WireFormat;
import io.vertx.core.http.HttpServerResponse;

/** Amazon OpenSearch Service errors: a JSON {@code message} (or {@code Message} for access denials). */
public final class OpenSearchWireFormat implements WireFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void refuse(HttpServerResponse response, Refusal refusal, String message) {
        switch (refusal) {
            case ACCESS_DENIED -> error(response, 403, "Message", message);
            case MALFORMED -> error(response, 400, "message", message);
            case NOT_IMPLEMENTED -> error(response, 501, "message", message);
            case NOT_FOUND -> error(response, 404, "message", message);
            case BACKEND_UNAVAILABLE -> error(response, 503, "message", message);
            default -> error(response, 403, "message", message);
        }
    }

    /** {@code code} is the name of the JSON field that carries the message. */
    @Override
    public void error(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(JSON.createObjectNode().put(code, message).toString());
    }
}
