package dev.shiptrack.localaws.http;

import dev.shiptrack.localaws.sigv4.SigV4;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Errors of the query-protocol services (STS, IAM): the {@code ErrorResponse} XML in the service's namespace. */
public final class QueryWireFormat implements WireFormat {

    private final String namespace;

    /** @param namespace the service's XML namespace, e.g. {@code https://sts.amazonaws.com/doc/2011-06-15/} */
    public QueryWireFormat(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public void refuse(HttpServerResponse response, Refusal refusal, String message) {
        switch (refusal) {
            case MISSING_AUTHENTICATION -> error(response, 403, "MissingAuthenticationToken", message);
            case UNKNOWN_ACCESS_KEY, INVALID_TOKEN -> error(response, 403, "InvalidClientTokenId", message);
            case EXPIRED_TOKEN -> error(response, 400, "ExpiredToken", message);
            case SIGNATURE_MISMATCH, PAYLOAD_HASH_MISMATCH -> error(response, 403, "SignatureDoesNotMatch", message);
            case REQUEST_EXPIRED -> error(response, 400, "RequestExpired", message);
            case ACCESS_DENIED -> error(response, 403, "AccessDenied", message);
            case MALFORMED -> error(response, 400, "ValidationError", message);
            case NOT_IMPLEMENTED -> error(response, 400, "InvalidAction", message);
            case NOT_FOUND -> error(response, 404, "NoSuchEntity", message);
            case BACKEND_UNAVAILABLE -> error(response, 503, "ServiceUnavailable", message);
        }
    }

    @Override
    public void error(HttpServerResponse response, int status, String code, String message) {
        String type = status >= 500 ? "Receiver" : "Sender";
        response.setStatusCode(status).putHeader("Content-Type", "text/xml")
                .end("<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>" + type + "</Type><Code>" + code
                        + "</Code><Message>" + AwsErrors.xml(message) + "</Message></Error><RequestId>"
                        + AwsErrors.requestId() + "</RequestId></ErrorResponse>");
    }

    /** A successful answer: {@code <ActionResponse><ActionResult>result</ActionResult>...}. */
    public void respond(HttpServerResponse response, String action, String result) {
        response.putHeader("Content-Type", "text/xml").end("<" + action + "Response xmlns=\"" + namespace + "\"><"
                + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>"
                + AwsErrors.requestId() + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    /** Query-protocol parameters from the query string and the form body. */
    public static Map<String, String> parameters(HttpServerRequest request, Buffer payload) {
        Map<String, String> parameters = new HashMap<>();
        List<String> pairs = new ArrayList<>();
        if (request.query() != null) {
            pairs.addAll(List.of(request.query().split("&")));
        }
        if (payload.length() > 0) {
            pairs.addAll(List.of(payload.toString().split("&")));
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(formDecode(pair.substring(0, eq)), formDecode(pair.substring(eq + 1)));
            }
        }
        return parameters;
    }

    private static String formDecode(String text) {
        return SigV4.urlDecode(text.replace('+', ' '));
    }
}
