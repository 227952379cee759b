package dev.shiptrack.tracking.repository;

/** A store could not be reached or failed on its side; answered with 503. */
public class StoreUnavailableException extends RuntimeException {

    private final String layer;

    public StoreUnavailableException(String layer, Throwable cause) {
        super(layer + " is unavailable", cause);
        this.layer = layer;
    }

    public StoreUnavailableException(String layer, String detail) {
        super(layer + " is unavailable: " + detail);
        this.layer = layer;
    }

    public String layer() {
        return layer;
    }
}
