package dev.shiptrack.tenant.model;

/**
 * The tenant's lifecycle: {@code PROVISIONING -> ACTIVE <-> SUSPENDED}, {@code -> OFFBOARDING -> DELETED}, and
 * {@code FAILED} (naming the step) when onboarding or offboarding stopped; a retry resumes from there.
 */
public enum TenantStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    OFFBOARDING,
    DELETED,
    FAILED
}
