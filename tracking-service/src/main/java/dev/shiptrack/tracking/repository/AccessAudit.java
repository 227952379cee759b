package dev.shiptrack.tracking.repository;

import org.jboss.logging.Logger;

/** Audit trail of refusals by a store's IAM check: each one means a bug or an attack, never a normal request. */
final class AccessAudit {

    private static final Logger AUDIT = Logger.getLogger("dev.shiptrack.tracking.audit");

    private AccessAudit() {
    }

    static StoreAccessDeniedException denied(String layer, TenantScope scope, String resource, Throwable cause) {
        String tenant = scope.credentialsOwner().value();
        AUDIT.warnf("AUDIT access-denied tenant=%s layer=%s resource=%s", tenant, layer, resource);
        return new StoreAccessDeniedException(layer, tenant, resource, cause);
    }
}
