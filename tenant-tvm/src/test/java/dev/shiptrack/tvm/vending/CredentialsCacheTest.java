package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.tenant.TenantId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsCacheTest {

    private static final Duration LIFETIME = Duration.ofSeconds(900);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final AtomicInteger vends = new AtomicInteger();
    private final Function<AssumeRoleSpec, VendedCredentials> sts = spec -> credentials(LIFETIME);

    private static AssumeRoleSpec spec(String tenant) {
        return new AssumeRoleSpec("arn:aws:iam::123456789012:role/TrackingAccessRole", new TenantId(tenant),
                new TreeMap<>(java.util.Map.of("TenantID", tenant)), Optional.empty(), "none");
    }

    private VendedCredentials credentials(Duration lifetime) {
        int n = vends.incrementAndGet();
        return new VendedCredentials(AwsSessionCredentials.create("ASIA" + n, "secret", "token"),
                clock.instant().plus(lifetime), "role", "session-" + n, "none");
    }

    @Test
    void shouldServeCachedCredentialsUntilTheRefreshPoint() {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();

        clock.advance(Duration.ofSeconds(599));
        CredentialsCache.Lookup later = cache.get(spec("acme"), sts);

        assertThat(later.credentials()).isSameAs(first);
        assertThat(later.source()).isEqualTo(CredentialsCache.Source.CACHED);
        assertThat(vends).hasValue(1);
    }

    @Test
    void shouldVendFreshCredentialsOnceAThirdOfTheLifetimeRemains() {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();

        clock.advance(Duration.ofSeconds(600));
        CredentialsCache.Lookup refreshed = cache.get(spec("acme"), sts);

        assertThat(refreshed.source()).isEqualTo(CredentialsCache.Source.VENDED);
        assertThat(refreshed.credentials()).isNotSameAs(first);
        assertThat(first.expiration()).isAfter(clock.instant()); // the old ones were still valid: refreshed ahead
        assertThat(vends).hasValue(2);
    }

    @Test
    void shouldNeverServeExpiredCredentialsEvenWhenStsGrantsLessThanAsked() {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);
        cache.get(spec("acme"), spec -> credentials(Duration.ofSeconds(30)));

        clock.advance(Duration.ofSeconds(31));
        CredentialsCache.Lookup lookup = cache.get(spec("acme"), sts);

        assertThat(lookup.source()).isEqualTo(CredentialsCache.Source.VENDED);
        assertThat(lookup.credentials().expiration()).isAfter(clock.instant());
    }

    @Test
    void shouldRefuseCredentialsThatAreExpiredWhenTheyArrive() {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);

        assertThatThrownBy(() -> cache.get(spec("acme"), spec -> credentials(Duration.ZERO)))
                .isInstanceOf(CredentialsUnavailableException.class).hasMessageContaining("already expired");
    }

    @Test
    void shouldKeepTenantsApart() {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);

        VendedCredentials acme = cache.get(spec("acme"), sts).credentials();
        VendedCredentials globex = cache.get(spec("globex"), sts).credentials();

        assertThat(globex).isNotSameAs(acme);
        assertThat(cache.get(spec("acme"), sts).credentials()).isSameAs(acme);
        assertThat(cache.get(spec("globex"), sts).credentials()).isSameAs(globex);
    }

    @Test
    void shouldShareOneVendAmongConcurrentRequestsForTheSameSpec() throws Exception {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);
        CountDownLatch stsCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<AssumeRoleSpec, VendedCredentials> slowSts = spec -> {
            stsCalled.countDown();
            await(release);
            return credentials(LIFETIME);
        };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<CredentialsCache.Lookup>> lookups = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                lookups.add(pool.submit(() -> cache.get(spec("acme"), slowSts)));
            }
            assertThat(stsCalled.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100); // lets the other requests reach the cache while STS is still answering
            release.countDown();

            List<CredentialsCache.Lookup> results = new ArrayList<>();
            for (Future<CredentialsCache.Lookup> lookup : lookups) {
                results.add(lookup.get(10, TimeUnit.SECONDS));
            }
            assertThat(vends).hasValue(1);
            assertThat(results).extracting(CredentialsCache.Lookup::credentials).containsOnly(results.get(0).credentials());
            assertThat(results).extracting(CredentialsCache.Lookup::source)
                    .containsOnlyOnce(CredentialsCache.Source.VENDED)
                    .contains(CredentialsCache.Source.SHARED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNotCacheAFailedVend() {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);

        assertThatThrownBy(() -> cache.get(spec("acme"), spec -> {
            throw new CredentialsUnavailableException("acme", "role", "STS is down", null);
        })).isInstanceOf(CredentialsUnavailableException.class);

        assertThat(cache.get(spec("acme"), sts).source()).isEqualTo(CredentialsCache.Source.VENDED);
    }

    @Test
    void shouldShareAFailedVendWithTheRequestsWaitingForItAndRetryOnTheNextRequest() throws Exception {
        CredentialsCache cache = new CredentialsCache(100, 1.0 / 3, clock);
        CountDownLatch stsCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger failingCalls = new AtomicInteger();
        Function<AssumeRoleSpec, VendedCredentials> failingSts = spec -> {
            failingCalls.incrementAndGet();
            stsCalled.countDown();
            await(release);
            throw new CredentialsUnavailableException("acme", "role", "STS is down", null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CredentialsCache.Lookup>> lookups = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                lookups.add(pool.submit(() -> cache.get(spec("acme"), failingSts)));
            }
            assertThat(stsCalled.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            release.countDown();

            for (Future<CredentialsCache.Lookup> lookup : lookups) {
                assertThatThrownBy(() -> lookup.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(CredentialsUnavailableException.class);
            }
            assertThat(failingCalls).hasValue(1);
            assertThat(cache.get(spec("acme"), sts).source()).isEqualTo(CredentialsCache.Source.VENDED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldStayWithinItsMaximumSize() {
        CredentialsCache cache = new CredentialsCache(5, 1.0 / 3, clock);

        for (int i = 0; i < 50; i++) {
            cache.get(spec("tenant" + i), sts);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void shouldRefuseARefreshFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> new CredentialsCache(5, 1.0, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CredentialsCache(5, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
