package dev.shiptrack.shipment.repository;

/** PostgreSQL could not be reached (refused, timed out, connection lost); answered with 503. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("PostgreSQL did not answer: " + cause, cause);
    }
}
