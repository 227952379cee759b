package dev.shiptrack.localaws.http;

import io.vertx.core.http.HttpServerResponse;

/** How a service writes its errors, so that the SDKs raise the same exceptions as against AWS. */
public interface WireFormat {

    /** Writes an error with the service's code for this refusal. */
    void refuse(HttpServerResponse response, Refusal refusal, String message);

    /** Writes an error with an explicit status and code (e.g. STS {@code PackedPolicyTooLarge}). */
    void error(HttpServerResponse response, int status, String code, String message);
}
