package dev.shiptrack.shipment.service;

/**
 * The shipment an {@code Idempotency-Key} recorded vanished between claiming and reading it (the tenant's data
 * being erased concurrently); answered with 409, nothing created.
 */
public class IdempotencyKeyConflictException extends RuntimeException {

    public IdempotencyKeyConflictException() {
        super("the shipment of this Idempotency-Key changed while the request ran; retry the request");
    }
}
