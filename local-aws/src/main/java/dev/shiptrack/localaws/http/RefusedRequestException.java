package dev.shiptrack.localaws.http;

/** Thrown while reading a request that the edge refuses before authorizing it (malformed, unsupported...). */
public final class RefusedRequestException extends RuntimeException {

    private final Refusal refusal;

    public RefusedRequestException(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
