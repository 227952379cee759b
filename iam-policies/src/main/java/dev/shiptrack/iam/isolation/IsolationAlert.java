package dev.shiptrack.iam.isolation;

/**
 * What must never happen when the policies and the services are right, each with the stable event name its log line,
 * counter and message start with: the local edge's watchdog and the AWS stack's rules and function raise the same.
 */
public enum IsolationAlert {
    /** An AssumeRole of a tag-scoped role without a {@code TenantID} tag. */
    SESSION_WITHOUT_TENANT("isolation.session-without-tenant"),
    /** An application access role assumed for a tenant that is not a known ACTIVE tenant. */
    TENANT_NOT_ACTIVE("isolation.tenant-not-active"),
    /** A tenant's session refused on a data store: it asked for what its tag does not cover. */
    TENANT_SESSION_DENIED("isolation.tenant-session-denied"),
    /** Many denials of one session within a short window. */
    DENIAL_BURST("isolation.denial-burst");

    private final String event;

    IsolationAlert(String event) {
        this.event = event;
    }

    public String event() {
        return event;
    }

    /** The alert's one line, the same from every watchdog: its event name first, then who did what to what and why. */
    public String line(String principal, String tenant, String action, String resource, String detail) {
        return String.format("%s principal=%s tenant=%s action=%s resource=%s: %s", event, principal, tenant, action,
                resource, detail);
    }
}
