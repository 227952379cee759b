package dev.shiptrack.localaws.sts;

import dev.shiptrack.localaws.http.AwsErrors;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.WireFormat;
import io.vertx.core.http.HttpServerResponse;

/** STS errors: the query protocol's {@code ErrorResponse} XML. */
public final class StsWireFormat implements WireFormat {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

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
                .end("<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
                        + "</Code><Message>" + AwsErrors.xml(message) + "</Message></Error><RequestId>"
                        + AwsErrors.requestId() + "</RequestId></ErrorResponse>");
    }
}
