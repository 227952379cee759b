package dev.shiptrack.tenant.client;

/**
 * A backend refused or could not complete a step of an operation (onboarding, a storage move, offboarding).
 *
 * @param conflict true when retrying cannot help until something else changes (a name taken by someone else),
 *                 false when the backend is unavailable and a retry may succeed
 */
public class StepFailedException extends RuntimeException {

    private final boolean conflict;

    public StepFailedException(String message, boolean conflict, Throwable cause) {
        super(message, cause);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }
}
