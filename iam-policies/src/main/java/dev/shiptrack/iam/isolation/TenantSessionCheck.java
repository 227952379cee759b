package dev.shiptrack.iam.isolation;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.shiptrack.iam.TenantDataLayout;

/**
 * The judgement of a session granted on a tag-scoped role (a role whose sessions must carry a {@code TenantID} tag),
 * one rule for both watchdogs: the local edge's, which sees its own STS decisions, and the AWS stack's function, which
 * sees CloudTrail's AssumeRole events.
 */
public final class TenantSessionCheck {

    /** The session tag that scopes a session to one tenant. */
    public static final String TENANT_TAG = "TenantID";

    /** An alert the session raises, with the tenant it names (null when it names none) and why. */
    public record Finding(IsolationAlert alert, String tenant, String detail) {
    }

    private final Set<String> applicationRoles;
    private final TenantStatuses statuses;

    /** @param applicationRoles ARNs of the roles the application plane assumes for ACTIVE tenants only */
    public TenantSessionCheck(Set<String> applicationRoles, TenantStatuses statuses) {
        this.applicationRoles = Set.copyOf(applicationRoles);
        this.statuses = statuses;
    }

    /**
     * @param role        the ARN of the tag-scoped role the session was granted on
     * @param sessionTags the session tags of the AssumeRole request
     * @throws IOException when the tenant's status cannot be read: the session is then not judged
     */
    public Optional<Finding> check(String role, Map<String, String> sessionTags) throws IOException {
        String tenant = sessionTags.get(TENANT_TAG);
        if (tenant == null) {
            return Optional.of(new Finding(IsolationAlert.SESSION_WITHOUT_TENANT, null,
                    "the session can carry no tenant scope"));
        }
        if (!applicationRoles.contains(role)) {
            return Optional.empty();
        }
        Optional<String> status = statuses.statusOf(tenant);
        if (status.filter(TenantDataLayout.ACTIVE::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(IsolationAlert.TENANT_NOT_ACTIVE, tenant,
                status.map(known -> "status " + known).orElse("no such tenant")));
    }
}
