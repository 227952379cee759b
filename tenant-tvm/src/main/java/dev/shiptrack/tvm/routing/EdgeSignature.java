package dev.shiptrack.tvm.routing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof that a request's tenant headers were set by the deployment's edge (CloudFront), not by a client: the
 * edge overwrites {@value #TENANT_HEADER} and {@value #HOST_HEADER} and adds
 * {@code X-Edge-Signature: t=<unix seconds>;v1=<hex HMAC-SHA256>} over {@code v1\n<t>\n<host>\n<tenant>} with a secret
 * shared with the services. The parts are separated by a semicolon, not a comma: API Gateway joins repeated headers with
 * commas, so Quarkus' Lambda adapter splits a value at commas, and a comma would make one header two. Several secrets are accepted at once so the secret can be rotated without downtime
 * (docs/tenant-routing.md).
 */
public final class EdgeSignature {

    /** The tenant the edge resolved from the viewer's hostname. */
    public static final String TENANT_HEADER = "X-Tenant-Id";
    /** The viewer's hostname as the edge saw it (lowercase, without port); the origin's own Host is the origin's. */
    public static final String HOST_HEADER = "X-Tenant-Host";
    /** {@code t=<unix seconds>;v1=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Edge-Signature";

    private static final Pattern FORMAT = Pattern.compile("t=(\\d{1,12});v1=([0-9a-f]{64})");
    private static final String ALGORITHM = "HmacSHA256";

    /** What checking a signature found. */
    public enum Verdict {
        VALID,
        /** Not {@code t=...;v1=...}, or the header appears more than once. */
        MALFORMED,
        /** No configured secret produces it over this host and tenant. */
        WRONG_SIGNATURE,
        /** Signed too long ago or too far in the future: a replayed or forged header. */
        OUT_OF_TIME
    }

    private EdgeSignature() {
    }

    /** The header value the edge sends; the services only ever verify, this is for tests and the benchmark. */
    public static String sign(String secret, long epochSeconds, String host, String tenant) {
        return "t=" + epochSeconds + ";v1=" + HexFormat.of().formatHex(mac(secret, epochSeconds, host, tenant));
    }

    /**
     * @param headerValue the signature header's value (null when absent counts as malformed)
     * @param secrets     every secret currently accepted, the newest first
     */
    public static Verdict verify(String headerValue, String host, String tenant, List<String> secrets, Instant now,
                                 Duration maxSkew) {
        if (headerValue == null) {
            return Verdict.MALFORMED;
        }
        Matcher parts = FORMAT.matcher(headerValue);
        if (!parts.matches()) {
            return Verdict.MALFORMED;
        }
        long signedAt = Long.parseLong(parts.group(1));
        if (Math.abs(now.getEpochSecond() - signedAt) > maxSkew.toSeconds()) {
            return Verdict.OUT_OF_TIME;
        }
        byte[] presented = HexFormat.of().parseHex(parts.group(2));
        for (String secret : secrets) {
            if (MessageDigest.isEqual(presented, mac(secret, signedAt, host, tenant))) {
                return Verdict.VALID;
            }
        }
        return Verdict.WRONG_SIGNATURE;
    }

    private static byte[] mac(String secret, long epochSeconds, String host, String tenant) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(("v1\n" + epochSeconds + "\n" + host + "\n" + tenant).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
