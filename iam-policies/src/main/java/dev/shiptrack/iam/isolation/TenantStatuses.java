package dev.shiptrack.iam.isolation;

import java.io.IOException;
import java.util.Optional;

/** The status of a tenant as the control plane published it (its status item); empty when it has none. */
@FunctionalInterface
public interface TenantStatuses {

    /** @throws IOException when the status cannot be read: it is then unknown, not absent */
    Optional<String> statusOf(String tenant) throws IOException;
}
