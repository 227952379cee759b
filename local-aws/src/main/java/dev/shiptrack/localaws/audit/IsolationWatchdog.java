package dev.shiptrack.localaws.audit;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.shiptrack.iam.isolation.IsolationAlert;
import dev.shiptrack.iam.isolation.TenantSessionCheck;
import dev.shiptrack.iam.isolation.TenantStatuses;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Detective control next to the preventive ones: follows the edge's decisions and raises an alert (a log line whose
 * message starts with the alert's stable event name, and the counter {@code isolation.alerts} tagged with it) for
 * what must never happen when the policies and the services are right:
 * <ul>
 * <li>{@link IsolationAlert#SESSION_WITHOUT_TENANT} and {@link IsolationAlert#TENANT_NOT_ACTIVE} (no status item, or
 * SUSPENDED, DISABLED), judged by {@link TenantSessionCheck} as the AWS stack's function judges them;</li>
 * <li>{@link IsolationAlert#TENANT_SESSION_DENIED}: a tenant's session refused on a data store: it asked for what its
 * tag does not cover, another tenant's partition, index or prefix (a bug or an attack);</li>
 * <li>{@link IsolationAlert#DENIAL_BURST}: {@code burstThreshold} denials of one session within
 * {@code burstWindow}.</li>
 * </ul>
 * Decisions are inspected on a thread of its own, so the edge's event loop never waits for the status lookup.
 */
public final class IsolationWatchdog implements Consumer<AuditRecord>, AutoCloseable {

    /** One raised alert. */
    public record Raised(IsolationAlert alert, Instant time, String principal, String tenant, String action,
                         String resource, String detail) {
    }

    /** The counter of raised alerts, tagged {@code alert=<event name>}. */
    public static final String COUNTER = "isolation.alerts";
    private static final Logger LOG = Logger.getLogger("dev.shiptrack.localaws.isolation");
    private static final Set<String> DATA_SERVICES = Set.of("dynamodb", "s3", "es");
    private static final int RETAINED = 1_000;

    private final Map<String, String> trustPolicyOfTagScopedRole;
    private final TenantSessionCheck sessionCheck;
    private final MeterRegistry meters;
    private final int burstThreshold;
    private final Duration burstWindow;
    private final ExecutorService inspector = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "isolation-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    /** Touched by the inspector thread only. */
    private final Map<String, Deque<Instant>> denialsBySession = new HashMap<>();
    private final List<Raised> raised = new CopyOnWriteArrayList<>();

    /**
     * @param trustPolicyOfTagScopedRole the roles whose sessions must carry a {@code TenantID} tag (ARN), each with the
     *                                   name of its trust policy: an AssumeRole is judged at its trust decision, the
     *                                   last of its two, so once per request
     * @param applicationRoles           ARNs of the roles the application plane assumes for ACTIVE tenants only
     */
    public IsolationWatchdog(Map<String, String> trustPolicyOfTagScopedRole, Set<String> applicationRoles,
            TenantStatuses statuses, MeterRegistry meters, int burstThreshold, Duration burstWindow) {
        this.trustPolicyOfTagScopedRole = Map.copyOf(trustPolicyOfTagScopedRole);
        this.sessionCheck = new TenantSessionCheck(applicationRoles, statuses);
        this.meters = meters;
        this.burstThreshold = burstThreshold;
        this.burstWindow = burstWindow;
    }

    @Override
    public void accept(AuditRecord record) {
        inspector.execute(() -> inspect(record));
    }

    /** The alerts raised so far (the newest {@value #RETAINED}), oldest first. */
    public List<Raised> raised() {
        return List.copyOf(raised);
    }

    private void inspect(AuditRecord record) {
        if (record.action().equals("sts:AssumeRole") && record.allowed() && record.decidingPolicy() != null
                && record.decidingPolicy().equals(trustPolicyOfTagScopedRole.get(record.resource()))) {
            inspectAssumeRole(record);
        }
        if (!record.allowed()) {
            inspectDenial(record);
        }
    }

    private void inspectAssumeRole(AuditRecord record) {
        try {
            sessionCheck.check(record.resource(), record.requestTags())
                    .ifPresent(finding -> raise(finding.alert(), record, finding.tenant(), finding.detail()));
        } catch (IOException e) {
            LOG.debugf("status of tenant %s unknown (%s); not judged",
                    record.requestTags().get(TenantSessionCheck.TENANT_TAG), e.getMessage());
        }
    }

    private void inspectDenial(AuditRecord record) {
        String tenant = record.tags().get(TenantSessionCheck.TENANT_TAG);
        int colon = record.action().indexOf(':');
        if (tenant != null && colon > 0 && DATA_SERVICES.contains(record.action().substring(0, colon))) {
            raise(IsolationAlert.TENANT_SESSION_DENIED, record, tenant, record.decision()
                    + (record.decidingStatement() == null ? "" : " by " + record.decidingStatement()));
        }
        if (record.session() == null) {
            return;
        }
        Deque<Instant> denials = denialsBySession.computeIfAbsent(record.principal(), key -> new ArrayDeque<>());
        denials.addLast(record.time());
        while (!denials.isEmpty() && denials.peekFirst().isBefore(record.time().minus(burstWindow))) {
            denials.removeFirst();
        }
        if (denials.size() >= burstThreshold) {
            denials.clear();
            raise(IsolationAlert.DENIAL_BURST, record, tenant,
                    burstThreshold + " denials within " + burstWindow.toSeconds() + " s");
        }
    }

    private void raise(IsolationAlert alert, AuditRecord record, String tenant, String detail) {
        Raised alerted = new Raised(alert, record.time(), record.principal(), tenant, record.action(),
                record.resource(), detail);
        if (raised.size() == RETAINED) {
            raised.remove(0);
        }
        raised.add(alerted);
        meters.counter(COUNTER, "alert", alert.event()).increment();
        // Formatted here, so that any log handler shows the same line.
        LOG.warn(alert.line(record.principal(), tenant, record.action(), record.resource(), detail));
    }

    @Override
    public void close() {
        inspector.shutdownNow();
    }
}
