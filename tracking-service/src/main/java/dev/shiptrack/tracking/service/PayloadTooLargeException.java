package dev.shiptrack.tracking.service;

/** A request body above its configured limit; answered with 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("request body exceeds the limit of " + limitBytes + " bytes");
    }
}
