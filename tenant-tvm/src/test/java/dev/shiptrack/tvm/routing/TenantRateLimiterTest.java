package dev.shiptrack.tvm.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TenantRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TenantRateLimiter limiter = new TenantRateLimiter(new Limits(), meters, nanos::get);

    @Test
    void shouldAdmitABurstThenThrottleWithTheSecondsUntilTheNextRequest() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.admit("noisy", "basic")).as("request %d", i).isZero();
        }

        assertThat(limiter.admit("noisy", "basic")).isEqualTo(1);
        advance(500);
        assertThat(limiter.admit("noisy", "basic")).as("half a second refills one of 2/s").isZero();
        assertThat(limiter.admit("noisy", "basic")).isEqualTo(1);
    }

    @Test
    void shouldNeverLetOneTenantSpendAnothersShare() {
        for (int i = 0; i < 100; i++) {
            limiter.admit("noisy", "basic");
        }

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.admit("quiet", "basic")).as("quiet request %d", i).isZero();
        }
    }

    @Test
    void shouldSizeTheBucketByTierAndTreatUnknownTiersAsBasic() {
        int standard = admittedAtOnce("big", "standard");
        int unknown = admittedAtOnce("odd", "platinum");

        assertThat(standard).isEqualTo(10);
        assertThat(unknown).isEqualTo(4);
        assertThat(meters.get(TenantRateLimiter.REQUESTS).tag("tenant", "odd").tag("tier", "basic")
                .tag("outcome", "accepted").counter().count()).isEqualTo(4);
    }

    @Test
    void shouldApplyATierChangeToTheNextRequest() {
        assertThat(admittedAtOnce("mover", "basic")).isEqualTo(4);

        assertThat(limiter.admit("mover", "premium")).as("a new, full premium bucket").isZero();
    }

    @Test
    void shouldCountAcceptedAndThrottledRequestsPerTenant() {
        for (int i = 0; i < 6; i++) {
            limiter.admit("noisy", "basic");
        }

        assertThat(count("noisy", "accepted")).isEqualTo(4);
        assertThat(count("noisy", "throttled")).isEqualTo(2);
    }

    private int admittedAtOnce(String tenant, String tier) {
        int admitted = 0;
        while (limiter.admit(tenant, tier) == 0) {
            admitted++;
        }
        return admitted;
    }

    private double count(String tenant, String outcome) {
        return meters.get(TenantRateLimiter.REQUESTS).tag("tenant", tenant).tag("outcome", outcome).counter().count();
    }

    private void advance(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** 2/s burst 4, 5/s burst 10, 50/s burst 100. */
    private static final class Limits implements RoutingConfig.Limits {
        @Override public boolean enabled() { return true; }
        @Override public double basicRequestsPerSecond() { return 2; }
        @Override public int basicBurst() { return 4; }
        @Override public double standardRequestsPerSecond() { return 5; }
        @Override public int standardBurst() { return 10; }
        @Override public double premiumRequestsPerSecond() { return 50; }
        @Override public int premiumBurst() { return 100; }
    }
}
