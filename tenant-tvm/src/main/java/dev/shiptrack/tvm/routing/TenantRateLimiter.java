package dev.shiptrack.tvm.routing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A token bucket per tenant, sized by the tenant's tier, so one tenant's flood is refused at its own limit and never
 * uses another tenant's share. Buckets live in this instance (N instances admit N times the rate) and are forgotten
 * after ten idle minutes. Accepted and throttled requests are counted per tenant:
 * {@value #REQUESTS}{@code {tenant, tier, outcome}}.
 */
// Caffeine instantiates its cache and node classes by name: the native image needs those of a size-bounded cache
// that expires after access.
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" })
@ApplicationScoped
public class TenantRateLimiter {

    static final String REQUESTS = "tenant.requests";

    /** Basic is also the tier of a tenant the registry does not list. */
    static final String DEFAULT_TIER = "basic";

    private final RoutingConfig.Limits limits;
    private final MeterRegistry meters;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    @Inject
    TenantRateLimiter(RoutingConfig config, MeterRegistry meters) {
        this(config.limits(), meters, System::nanoTime);
    }

    TenantRateLimiter(RoutingConfig.Limits limits, MeterRegistry meters, LongSupplier nanoTime) {
        this.limits = limits;
        this.meters = meters;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one request from the tenant's bucket.
     *
     * @return zero when admitted, otherwise the whole seconds until the bucket holds a request again
     */
    public long admit(String tenant, String tier) {
        Limit limit = limitOf(tier);
        Bucket bucket = buckets.asMap().compute(tenant, (key, existing) ->
                existing != null && existing.limit.equals(limit) ? existing : new Bucket(limit, nanoTime.getAsLong()));
        long retryAfter = bucket.take(nanoTime.getAsLong());
        Counter.builder(REQUESTS).tag("tenant", tenant).tag("tier", limit.tier())
                .tag("outcome", retryAfter == 0 ? "accepted" : "throttled").register(meters).increment();
        return retryAfter;
    }

    private Limit limitOf(String tier) {
        return switch (tier) {
            case "standard" -> new Limit(tier, limits.standardRequestsPerSecond(), limits.standardBurst());
            case "premium" -> new Limit(tier, limits.premiumRequestsPerSecond(), limits.premiumBurst());
            default -> new Limit(DEFAULT_TIER, limits.basicRequestsPerSecond(), limits.basicBurst());
        };
    }

    private record Limit(String tier, double perSecond, int burst) {
    }

    /** Refills continuously at the limit's rate up to its burst. */
    private static final class Bucket {

        private final Limit limit;
        private double tokens;
        private long refilledAt;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - refilledAt) * limit.perSecond() / TimeUnit.SECONDS.toNanos(1));
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        }
    }
}
