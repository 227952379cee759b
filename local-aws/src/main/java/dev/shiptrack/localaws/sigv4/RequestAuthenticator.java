package dev.shiptrack.localaws.sigv4;

import dev.shiptrack.localaws.http.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies SigV4 the way AWS does: the credentials must exist and be current, the session token must belong to
 * them, the signature must match the canonical request, the signing time must be recent and the body must hash to
 * what was signed.
 */
public final class RequestAuthenticator {

    /** How far the signing time may be from the edge's clock, as on AWS. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private final CredentialStore credentials;
    private final Clock clock;

    public RequestAuthenticator(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    public Authentication authenticate(HttpServerRequest request, Buffer body, SignedRequest signed) {
        Optional<CredentialStore.Credentials> found = credentials.find(signed.accessKeyId());
        if (found.isEmpty()) {
            return new Authentication.Refused(Refusal.UNKNOWN_ACCESS_KEY,
                    "The security token included in the request is invalid.");
        }
        CredentialStore.Credentials key = found.get();
        if (key.sessionToken() != null && !key.sessionToken().equals(signed.sessionToken())) {
            return new Authentication.Refused(Refusal.INVALID_TOKEN,
                    "The security token included in the request is invalid.");
        }
        if (credentials.expired(key)) {
            return new Authentication.Refused(Refusal.EXPIRED_TOKEN,
                    "The security token included in the request is expired");
        }

        String contentSha256 = request.getHeader("X-Amz-Content-SHA256");
        String payloadHash = contentSha256 != null ? contentSha256
                : signed.presigned() ? UNSIGNED_PAYLOAD : SigV4.sha256Hex(body.getBytes());
        Map<String, String> canonicalHeaders = new LinkedHashMap<>();
        for (String name : signed.signedHeaders()) {
            List<String> values = request.headers().getAll(name);
            if (values.isEmpty()) {
                return signatureMismatch();
            }
            canonicalHeaders.put(name, SigV4.canonicalHeaderValue(values));
        }
        String canonicalRequest = SigV4.canonicalRequest(request.method().name(),
                SigV4.canonicalUri(request.path(), !"s3".equals(signed.service())),
                SigV4.canonicalQuery(request.query()), canonicalHeaders, String.join(";", signed.signedHeaders()),
                payloadHash);
        byte[] signingKey = SigV4.signingKey(key.secretAccessKey(), signed.date(), signed.region(), signed.service());
        String expected = SigV4.sign(signingKey, SigV4.stringToSign(SigV4.ALGORITHM, signed.amzDate(),
                signed.scope(), SigV4.sha256Hex(canonicalRequest)));
        if (!SigV4.sameSignature(expected, signed.signature())) {
            return signatureMismatch();
        }

        Optional<Authentication.Refused> stale = checkTime(signed);
        if (stale.isPresent()) {
            return stale.get();
        }
        return payload(body, contentSha256, signingKey, signed)
                .<Authentication>map(payload -> new Authentication.Authenticated(key.principal(), payload))
                .orElseGet(() -> new Authentication.Refused(Refusal.PAYLOAD_HASH_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed."));
    }

    private Optional<Authentication.Refused> checkTime(SignedRequest signed) {
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(signed.amzDate()));
        } catch (DateTimeParseException e) {
            return Optional.of(new Authentication.Refused(Refusal.MALFORMED, "X-Amz-Date is not yyyyMMdd'T'HHmmss'Z'"));
        }
        Instant now = clock.instant();
        if (signed.presigned()) {
            return now.isAfter(signedAt.plusSeconds(signed.expiresSeconds()))
                    ? Optional.of(new Authentication.Refused(Refusal.REQUEST_EXPIRED, "Request has expired"))
                    : Optional.empty();
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return Optional.of(new Authentication.Refused(Refusal.REQUEST_EXPIRED, "Signature expired: "
                    + signed.amzDate() + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW))));
        }
        return Optional.empty();
    }

    private static Optional<Buffer> payload(Buffer body, String contentSha256, byte[] signingKey,
                                            SignedRequest signed) {
        if (contentSha256 == null || UNSIGNED_PAYLOAD.equals(contentSha256)) {
            return Optional.of(body);
        }
        return switch (contentSha256) {
            case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER -> AwsChunkedDecoder.decode(body, signingKey,
                    signed.amzDate(), signed.scope(), signed.signature());
            case STREAMING_UNSIGNED_TRAILER -> AwsChunkedDecoder.decode(body, null, null, null, null);
            default -> SigV4.sha256Hex(body.getBytes()).equalsIgnoreCase(contentSha256)
                    ? Optional.of(body) : Optional.empty();
        };
    }

    private static Authentication.Refused signatureMismatch() {
        return new Authentication.Refused(Refusal.SIGNATURE_MISMATCH, "The request signature we calculated does "
                + "not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }
}
