package dev.shiptrack.shipment.repository;

/** PostgreSQL refused, did not answer in time, or lost the connection; answered with 503. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("PostgreSQL did not answer: " + cause, cause);
    }
}
