package dev.shiptrack.localaws.s3;

import dev.shiptrack.localaws.http.AwsErrors;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.WireFormat;
import io.vertx.core.http.HttpServerResponse;

/** S3 errors: the REST-XML {@code Error} document (Vert.x leaves the body out for HEAD). */
public final class S3WireFormat implements WireFormat {

    @Override
    public void refuse(HttpServerResponse response, Refusal refusal, String message) {
        switch (refusal) {
            case MISSING_AUTHENTICATION -> error(response, 403, "AccessDenied", message);
            case UNKNOWN_ACCESS_KEY -> error(response, 403, "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.");
            case INVALID_TOKEN -> error(response, 400, "InvalidToken",
                    "The provided token is malformed or otherwise invalid.");
            case EXPIRED_TOKEN -> error(response, 400, "ExpiredToken", "The provided token has expired.");
            case SIGNATURE_MISMATCH -> error(response, 403, "SignatureDoesNotMatch", message);
            case REQUEST_EXPIRED -> error(response, 403, "RequestTimeTooSkewed", message);
            case PAYLOAD_HASH_MISMATCH -> error(response, 400, "XAmzContentSHA256Mismatch", message);
            case ACCESS_DENIED -> error(response, 403, "AccessDenied", message);
            case MALFORMED -> error(response, 400, "InvalidRequest", message);
            case NOT_IMPLEMENTED -> error(response, 501, "NotImplemented", message);
            case NOT_FOUND -> error(response, 404, "NoSuchBucket", message);
            case BACKEND_UNAVAILABLE -> error(response, 503, "ServiceUnavailable", message);
        }
    }

    @Override
    public void error(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status).putHeader("x-amz-request-id", AwsErrors.requestId())
                .putHeader("Content-Type", "application/xml")
                .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + AwsErrors.xml(message) + "</Message><RequestId>" + AwsErrors.requestId()
                        + "</RequestId></Error>");
    }
}
