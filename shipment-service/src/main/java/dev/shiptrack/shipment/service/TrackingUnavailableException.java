package dev.shiptrack.shipment.service;

/** tracking-service did not acknowledge a write, so the write that depends on it was rolled back. */
public class TrackingUnavailableException extends RuntimeException {

    public TrackingUnavailableException(Throwable cause) {
        super("tracking-service did not record the event", cause);
    }
}
