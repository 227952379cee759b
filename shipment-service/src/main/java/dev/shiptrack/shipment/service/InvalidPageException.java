package dev.shiptrack.shipment.service;

/** A paging parameter is outside the configured limits. */
public class InvalidPageException extends RuntimeException {

    public InvalidPageException(String message) {
        super(message);
    }
}
