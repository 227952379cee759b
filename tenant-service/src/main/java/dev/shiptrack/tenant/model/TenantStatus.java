package dev.shiptrack.tenant.model;

/**
 * The tenant's lifecycle: {@code PROVISIONING -> ACTIVE <-> SUSPENDED}, {@code ACTIVE | SUSPENDED -> MOVING} (a
 * storage move, after which it returns to the status it had; its users are served meanwhile),
 * {@code -> OFFBOARDING -> DELETED}, and {@code FAILED} (naming the step) when an operation stopped; a retry resumes
 * from there.
 */
public enum TenantStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    MOVING,
    OFFBOARDING,
    DELETED,
    FAILED
}
