package dev.shiptrack.localaws.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The arithmetic of AWS Signature Version 4: canonical request, string to sign, signing key and signature. The edge
 * uses it both to verify what callers signed and to re-sign what it forwards to s3proxy.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();
    private static final int SIGNING_KEY_CACHE_LIMIT = 1024;
    private static final Map<String, byte[]> SIGNING_KEYS = new ConcurrentHashMap<>();

    private SigV4() {
    }

    /** The derived key for one secret, day, region and service; cached because deriving costs four HMACs. */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        String cacheKey = secret + '\n' + date + '\n' + region + '\n' + service;
        byte[] key = SIGNING_KEYS.get(cacheKey);
        if (key == null) {
            byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(hmac(hmac(kDate, region), service), "aws4_request");
            if (SIGNING_KEYS.size() >= SIGNING_KEY_CACHE_LIMIT) {
                SIGNING_KEYS.clear();
            }
            SIGNING_KEYS.put(cacheKey, key);
        }
        return key;
    }

    /** Hex signature of {@code stringToSign} with a derived signing key. */
    public static String sign(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    public static String stringToSign(String algorithm, String amzDate, String scope, String hashedPayload) {
        return algorithm + '\n' + amzDate + '\n' + scope + '\n' + hashedPayload;
    }

    /**
     * The canonical request.
     *
     * @param canonicalUri     the path, already in its canonical encoding
     * @param canonicalQuery   see {@link #canonicalQuery(String)}
     * @param canonicalHeaders lower-case name to the canonical value, in signed-headers order
     */
    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                          Map<String, String> canonicalHeaders, String signedHeaders,
                                          String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n').append(canonicalUri).append('\n').append(canonicalQuery).append('\n');
        canonicalHeaders.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.append('\n').append(signedHeaders).append('\n').append(payloadHash).toString();
    }

    /**
     * The canonical path. S3 signs the path as sent; the other services sign it URI-encoded once more, which is
     * what the SDKs do ("double URL encoding").
     */
    public static String canonicalUri(String rawPath, boolean encodeAgain) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return encodeAgain ? uriEncode(path, false) : path;
    }

    /** Query parameters decoded, re-encoded the AWS way, sorted by name then value; the signature itself left out. */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = uriEncode(urlDecode(eq < 0 ? pair : pair.substring(0, eq)), true);
            String value = eq < 0 ? "" : uriEncode(urlDecode(pair.substring(eq + 1)), true);
            if (!name.equals("X-Amz-Signature")) {
                parameters.add(new String[]{name, value});
            }
        }
        parameters.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] parameter : parameters) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(parameter[0]).append('=').append(parameter[1]);
        }
        return out.toString();
    }

    /** Header value as signed: surrounding blanks trimmed, inner runs of blanks collapsed to one space. */
    public static String canonicalHeaderValue(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(value.trim().replaceAll("\\s+", " "));
        }
        return out.toString();
    }

    /** RFC 3986 encoding of everything but unreserved characters (and '/', unless asked). */
    public static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding where '+' stays '+' (query strings signed by the SDKs never use '+' for a space). */
    public static String urlDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex signatures. */
    public static boolean sameSignature(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
