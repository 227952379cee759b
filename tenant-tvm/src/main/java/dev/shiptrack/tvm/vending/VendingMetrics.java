package dev.shiptrack.tvm.vending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Micrometer meters of the vending machine. Tenants are not a tag: their number is unbounded. */
@ApplicationScoped
public class VendingMetrics {

    /**
     * Credential lookups, tagged {@code source}: cached, shared (waited for a concurrent vend), vended or refreshing
     * (cached, past the refresh point, while a background refresh runs).
     */
    static final String LOOKUPS = "tvm.credentials.lookups";
    /** Background refreshes of cached credentials, tagged {@code outcome}: success, failure or rejected (pool full). */
    static final String REFRESHES = "tvm.credentials.refreshes";
    /** STS AssumeRole calls, tagged {@code outcome}: success or the failure kind. */
    static final String STS_CALLS = "tvm.sts.assume-role";
    /** Failed vends, tagged {@code kind}: access-denied, unavailable, policy-rejected. */
    static final String FAILURES = "tvm.vend.failures";
    /** Retries of throttled or unreachable STS calls. */
    static final String RETRIES = "tvm.sts.retries";

    private final MeterRegistry registry;
    /** Registered once: every AWS request looks credentials up, and registering finds the meter again each time. */
    private final Map<CredentialsCache.Source, Counter> lookups = new EnumMap<>(CredentialsCache.Source.class);

    public VendingMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (CredentialsCache.Source source : CredentialsCache.Source.values()) {
            lookups.put(source, Counter.builder(LOOKUPS).tag("source", source.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    void lookup(CredentialsCache.Source source) {
        lookups.get(source).increment();
    }

    void refresh(String outcome) {
        Counter.builder(REFRESHES).tag("outcome", outcome).register(registry).increment();
    }

    void stsCall(String outcome, Duration latency) {
        Timer.builder(STS_CALLS).tag("outcome", outcome)
                .register(registry).record(latency);
    }

    void failure(String kind) {
        Counter.builder(FAILURES).tag("kind", kind).register(registry).increment();
    }

    void retry() {
        registry.counter(RETRIES).increment();
    }
}
