package dev.shiptrack.shipment.model;

import java.util.List;

/** One page of the tenant's shipments, newest first. */
public record ShipmentPage(List<ShipmentView> items, int page, int size, long total) {
}
