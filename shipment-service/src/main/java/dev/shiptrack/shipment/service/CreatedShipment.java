package dev.shiptrack.shipment.service;

import dev.shiptrack.shipment.model.ShipmentView;

/**
 * The answer of {@code POST /shipments}.
 *
 * @param replayed true when the request's {@code Idempotency-Key} had created this shipment before
 */
public record CreatedShipment(ShipmentView shipment, boolean replayed) {
}
