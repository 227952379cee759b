package dev.shiptrack.tvm.tenant;

/** The request carries no valid tenant identity; answered with 403 before any AWS call. */
public class InvalidTenantException extends RuntimeException {

    public InvalidTenantException(String message) {
        super(message);
    }
}
