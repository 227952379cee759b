package dev.shiptrack.tenant.service;

/** The request cannot be accepted as it is (400): a reserved id, a password where none is accepted, a bad page. */
public class InvalidTenantRequestException extends RuntimeException {

    public InvalidTenantRequestException(String message) {
        super(message);
    }
}
