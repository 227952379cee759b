package dev.shiptrack.tracking.service;

/** Input that breaks a documented format or limit; answered with 400. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String detail) {
        super(detail);
    }
}
