package dev.shiptrack.tenant.service;

import dev.shiptrack.tenant.model.TenantRecord.Operation;

/**
 * Onboarding, a storage move or offboarding stopped at a step; the tenant is now FAILED with that step named, and the same request
 * again resumes from there.
 *
 * @param conflict true when a retry cannot help until something else changes (409), false for an unavailable
 *                 backend (503)
 */
public class OperationFailedException extends RuntimeException {

    private final String tenantId;
    private final Operation operation;
    private final String step;
    private final boolean conflict;

    public OperationFailedException(String tenantId, Operation operation, String step, boolean conflict,
            Throwable cause) {
        super(operation.name().toLowerCase().replace('_', ' ') + " of " + tenantId + " stopped at step " + step + ": "
                + cause.getMessage(), cause);
        this.tenantId = tenantId;
        this.operation = operation;
        this.step = step;
        this.conflict = conflict;
    }

    public String tenantId() {
        return tenantId;
    }

    public Operation operation() {
        return operation;
    }

    public String step() {
        return step;
    }

    public boolean conflict() {
        return conflict;
    }
}
