package dev.shiptrack.shipment.service;

/** An {@code Idempotency-Key} the tenant already used for another request body; answered with 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was used for another request; use a new key for a new request");
    }
}
