package dev.shiptrack.localaws.sigv4;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes an {@code aws-chunked} body (S3 uploads of the SDKs), checking each chunk's signature when the chunks are
 * signed. The trailer (a checksum) is read and dropped: the edge forwards the decoded bytes, re-signed.
 */
public final class AwsChunkedDecoder {

    private static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";

    private AwsChunkedDecoder() {
    }

    /**
     * @param signingKey    null for unsigned chunks
     * @param seedSignature the signature of the request headers, which the first chunk's signature chains from
     * @return the decoded bytes, or empty if the framing or a chunk signature is wrong
     */
    public static Optional<Buffer> decode(Buffer body, byte[] signingKey, String amzDate, String scope,
                                          String seedSignature) {
        Buffer decoded = Buffer.buffer(Math.max(0, body.length() - 100));
        String previousSignature = seedSignature;
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrLf(body, position);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String header = body.getString(position, lineEnd, StandardCharsets.US_ASCII.name());
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt(semicolon < 0 ? header.trim() : header.substring(0, semicolon).trim(), 16);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int dataStart = lineEnd + 2;
            if (size < 0 || dataStart + size > body.length()) {
                return Optional.empty();
            }
            Buffer chunk = body.getBuffer(dataStart, dataStart + size);
            if (signingKey != null) {
                String claimed = semicolon < 0 ? "" : header.substring(semicolon + 1).trim();
                if (!claimed.startsWith("chunk-signature=")) {
                    return Optional.empty();
                }
                String expected = SigV4.sign(signingKey, CHUNK_ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                        + previousSignature + '\n' + SigV4.EMPTY_SHA256 + '\n' + SigV4.sha256Hex(chunk.getBytes()));
                String actual = claimed.substring("chunk-signature=".length());
                if (!SigV4.sameSignature(expected, actual)) {
                    return Optional.empty();
                }
                previousSignature = actual;
            }
            if (size == 0) {
                return Optional.of(decoded);
            }
            decoded.appendBuffer(chunk);
            position = dataStart + size;
            if (position + 2 > body.length() || body.getByte(position) != '\r' || body.getByte(position + 1) != '\n') {
                return Optional.empty();
            }
            position += 2;
        }
    }

    private static int indexOfCrLf(Buffer body, int from) {
        for (int i = from; i + 1 < body.length(); i++) {
            if (body.getByte(i) == '\r' && body.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
