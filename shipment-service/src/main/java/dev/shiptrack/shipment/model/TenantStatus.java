package dev.shiptrack.shipment.model;

/** Lifecycle state of a tenant, as stored in {@code tenants.status}. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED,
    DISABLED
}
