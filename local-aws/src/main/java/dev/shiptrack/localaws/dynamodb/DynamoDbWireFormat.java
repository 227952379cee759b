package dev.shiptrack.localaws.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.localaws.http.AwsErrors;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.WireFormat;
import io.vertx.core.http.HttpServerResponse;

/** DynamoDB errors: JSON with {@code __type}, status 400 for client errors, as the SDK expects. */
public final class DynamoDbWireFormat implements WireFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORAL = "com.amazon.coral.service#";
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

    @Override
    public void refuse(HttpServerResponse response, Refusal refusal, String message) {
        switch (refusal) {
            case MISSING_AUTHENTICATION -> error(response, 400, CORAL + "MissingAuthenticationTokenException", message);
            case UNKNOWN_ACCESS_KEY, INVALID_TOKEN ->
                    error(response, 400, CORAL + "UnrecognizedClientException", message);
            case EXPIRED_TOKEN -> error(response, 400, CORAL + "ExpiredTokenException", message);
            case SIGNATURE_MISMATCH, PAYLOAD_HASH_MISMATCH, REQUEST_EXPIRED ->
                    error(response, 400, CORAL + "InvalidSignatureException", message);
            case ACCESS_DENIED -> error(response, 400, CORAL + "AccessDeniedException", message);
            case MALFORMED -> error(response, 400, DYNAMODB + "ValidationException", message);
            case NOT_IMPLEMENTED -> error(response, 400, CORAL + "UnknownOperationException", message);
            case NOT_FOUND -> error(response, 400, DYNAMODB + "ResourceNotFoundException", message);
            case BACKEND_UNAVAILABLE -> error(response, 503, CORAL + "ServiceUnavailableException", message);
        }
    }

    @Override
    public void error(HttpServerResponse response, int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", code).put("message", message);
        response.setStatusCode(status).putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("x-amzn-RequestId", AwsErrors.requestId())
                .end(body.toString());
    }
}
