package dev.shiptrack.tracking.repository;

import java.util.Set;

import dev.shiptrack.tvm.vending.CredentialsUnavailableException;
import dev.shiptrack.tvm.vending.TenantAccessDeniedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into the service's two store failures: refused (403) or unavailable (503). */
final class AwsErrors {

    /** Error codes meaning the caller's identity or permissions were refused, not that the store is broken. */
    private static final Set<String> REFUSALS = Set.of("AccessDenied", "AccessDeniedException",
            "UnrecognizedClientException", "InvalidClientTokenId", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidSignatureException");

    private AwsErrors() {
    }

    static RuntimeException translate(String layer, TenantScope scope, String resource, SdkException failure) {
        // The SDK wraps what a credentials provider throws; the TVM's own failures keep their meaning (403/503).
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TenantAccessDeniedException || cause instanceof CredentialsUnavailableException) {
                return (RuntimeException) cause;
            }
        }
        if (failure instanceof AwsServiceException service && (service.statusCode() == 403
                || (service.awsErrorDetails() != null && REFUSALS.contains(service.awsErrorDetails().errorCode())))) {
            return AccessAudit.denied(layer, scope, resource, failure);
        }
        return new StoreUnavailableException(layer, failure);
    }
}
