package dev.shiptrack.shipment.service;

import java.util.UUID;

/** No shipment with this id is visible to the caller's tenant (whether it does not exist or belongs to another). */
public class ShipmentNotFoundException extends RuntimeException {

    public ShipmentNotFoundException(UUID id) {
        super("No shipment " + id);
    }
}
