package dev.shiptrack.tenant.service;

import dev.shiptrack.tenant.model.TenantRecord;

/**
 * What a lifecycle request did.
 *
 * @param result {@code CREATED}: done by this request; {@code UNCHANGED}: already so (a retry);
 *               {@code IN_PROGRESS}: another request is running it
 */
public record Outcome(TenantRecord tenant, Result result) {

    public enum Result {
        CREATED,
        UNCHANGED,
        IN_PROGRESS
    }
}
