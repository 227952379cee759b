package dev.shiptrack.tracking.service;

/** An {@code Idempotency-Key} already used, by the same tenant, for another request; answered with 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
