package dev.shiptrack.tracking.service;

/** No such shipment or document for the caller's tenant (also what another tenant's resource looks like); 404. */
public class TrackingNotFoundException extends RuntimeException {

    public TrackingNotFoundException(String detail) {
        super(detail);
    }
}
