package dev.shiptrack.localaws.sigv4;

import io.vertx.core.http.HttpServerRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signature parameters of a request, from its Authorization header or, for presigned URLs, its query.
 *
 * @param date          the day of the credential scope ({@code yyyyMMdd})
 * @param amzDate       the signing time ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param expiresSeconds for presigned URLs, how long the URL is valid; -1 otherwise
 */
public record SignedRequest(String accessKeyId, String date, String region, String service,
                            List<String> signedHeaders, String signature, String amzDate, String sessionToken,
                            boolean presigned, long expiresSeconds) {

    public String scope() {
        return date + '/' + region + '/' + service + "/aws4_request";
    }

    /** Parses the request's signature parameters; empty if it carries none or they are malformed. */
    public static Optional<SignedRequest> of(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return fromHeader(authorization, request.getHeader("X-Amz-Date"),
                    request.getHeader("X-Amz-Security-Token"));
        }
        if (request.getParam("X-Amz-Signature") != null) {
            return fromQuery(request);
        }
        return Optional.empty();
    }

    private static Optional<SignedRequest> fromHeader(String authorization, String amzDate, String token) {
        if (!authorization.startsWith(SigV4.ALGORITHM + " ") || amzDate == null) {
            return Optional.empty();
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String field = part.trim();
            if (field.startsWith("Credential=")) {
                credential = field.substring("Credential=".length());
            } else if (field.startsWith("SignedHeaders=")) {
                signedHeaders = field.substring("SignedHeaders=".length());
            } else if (field.startsWith("Signature=")) {
                signature = field.substring("Signature=".length());
            }
        }
        return parse(credential, signedHeaders, signature, amzDate, token, false, -1);
    }

    private static Optional<SignedRequest> fromQuery(HttpServerRequest request) {
        if (!SigV4.ALGORITHM.equals(request.getParam("X-Amz-Algorithm"))) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(request.getParam("X-Amz-Expires"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return parse(request.getParam("X-Amz-Credential"), request.getParam("X-Amz-SignedHeaders"),
                request.getParam("X-Amz-Signature"), request.getParam("X-Amz-Date"),
                request.getParam("X-Amz-Security-Token"), true, expires);
    }

    private static Optional<SignedRequest> parse(String credential, String signedHeaders, String signature,
                                                 String amzDate, String token, boolean presigned, long expires) {
        if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
            return Optional.empty();
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            return Optional.empty();
        }
        return Optional.of(new SignedRequest(scope[0], scope[1], scope[2], scope[3],
                Arrays.asList(signedHeaders.split(";")), signature, amzDate, token, presigned, expires));
    }
}
