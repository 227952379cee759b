package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsCacheTest {

    private static final Duration LIFETIME = Duration.ofSeconds(900);
    /** With 900 s credentials and a third: the refresh point is 600 s after the vend, the hard point 840 s. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final AtomicInteger vends = new AtomicInteger();
    private final Function<AssumeRoleSpec, VendedCredentials> sts = spec -> credentials(LIFETIME);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService refreshPool = Executors.newFixedThreadPool(2);
    /** One permit per background refresh that has finished, replacement and bookkeeping included. */
    private final Semaphore refreshesDone = new Semaphore(0);
    private final Executor refresher = refresh -> refreshPool.execute(() -> {
        try {
            refresh.run();
        } finally {
            refreshesDone.release();
        }
    });

    @AfterEach
    void stopRefreshing() {
        refreshPool.shutdownNow();
    }

    private CredentialsCache cache() {
        return cache(100, refresher);
    }

    private CredentialsCache cache(long maxSize, Executor refresher) {
        return new CredentialsCache(maxSize, 1.0 / 3, MARGIN, clock, refresher, new VendingMetrics(meters));
    }

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
        CredentialsCache cache = cache();
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();

        clock.advance(Duration.ofSeconds(599));
        CredentialsCache.Lookup later = cache.get(spec("acme"), sts);

        assertThat(later.credentials()).isSameAs(first);
        assertThat(later.source()).isEqualTo(CredentialsCache.Source.CACHED);
        assertThat(vends).hasValue(1);
    }

    @Test
    void shouldServeCachedCredentialsWhileRefreshingInTheBackground() throws Exception {
        CredentialsCache cache = cache();
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();
        CountDownLatch stsCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<AssumeRoleSpec, VendedCredentials> slowSts = blockingSts(stsCalled, release);
        clock.advance(Duration.ofSeconds(600));

        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            CredentialsCache.Lookup during = caller.submit(() -> cache.get(spec("acme"), slowSts))
                    .get(10, TimeUnit.SECONDS);

            assertThat(during.credentials()).isSameAs(first);
            assertThat(during.source()).isEqualTo(CredentialsCache.Source.REFRESHING);
            assertThat(stsCalled.await(10, TimeUnit.SECONDS)).as("refresh called STS").isTrue();
            assertThat(refreshesDone.availablePermits()).as("refresh still waiting for STS").isZero();
        } finally {
            caller.shutdownNow();
        }
        release.countDown();
        awaitRefreshes(1);

        CredentialsCache.Lookup after = cache.get(spec("acme"), sts);
        assertThat(after.credentials()).isNotSameAs(first);
        assertThat(after.credentials().credentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(after.source()).isEqualTo(CredentialsCache.Source.CACHED);
        assertThat(vends).hasValue(2);
        assertThat(refreshes("success")).isEqualTo(1);
    }

    @Test
    void shouldMakeOneStsCallForManyConcurrentLookupsPastTheRefreshPoint() throws Exception {
        CredentialsCache cache = cache();
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();
        CountDownLatch release = new CountDownLatch(1);
        Function<AssumeRoleSpec, VendedCredentials> slowSts = blockingSts(new CountDownLatch(1), release);
        clock.advance(Duration.ofSeconds(600));

        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CredentialsCache.Lookup>> lookups = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                lookups.add(callers.submit(() -> {
                    start.await();
                    return cache.get(spec("acme"), slowSts);
                }));
            }
            start.countDown();
            for (Future<CredentialsCache.Lookup> lookup : lookups) {
                assertThat(lookup.get(10, TimeUnit.SECONDS).credentials()).isSameAs(first);
            }
        } finally {
            callers.shutdownNow();
        }
        release.countDown();
        awaitRefreshes(1);

        assertThat(vends).hasValue(2);
        assertThat(refreshes("success")).isEqualTo(1);
        assertThat(cache.get(spec("acme"), sts).credentials()).isNotSameAs(first);
    }

    @Test
    void shouldServeTheOldCredentialsThroughAnStsOutageUntilTheHardPointAndThenVendSynchronously() throws Exception {
        CredentialsCache cache = cache();
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();
        AtomicInteger failedCalls = new AtomicInteger();
        Function<AssumeRoleSpec, VendedCredentials> downSts = spec -> {
            failedCalls.incrementAndGet();
            throw new CredentialsUnavailableException("acme", "role", "STS is down", null);
        };

        clock.advance(Duration.ofSeconds(600));
        assertThat(cache.get(spec("acme"), downSts).credentials()).isSameAs(first);
        awaitRefreshes(1);
        clock.advance(Duration.ofSeconds(239));
        CredentialsCache.Lookup lastServed = cache.get(spec("acme"), downSts);
        awaitRefreshes(1);

        assertThat(lastServed.credentials().credentials().accessKeyId()).isEqualTo("ASIA1");
        assertThat(lastServed.source()).isEqualTo(CredentialsCache.Source.REFRESHING);
        assertThat(failedCalls).hasValue(2);
        assertThat(refreshes("failure")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(first.expiration()).isAfter(clock.instant()); // still valid, but within the margin
        assertThatThrownBy(() -> cache.get(spec("acme"), downSts))
                .isInstanceOf(CredentialsUnavailableException.class).hasMessageContaining("STS is down");
        assertThat(failedCalls).hasValue(3);

        CredentialsCache.Lookup recovered = cache.get(spec("acme"), sts);
        assertThat(recovered.source()).isEqualTo(CredentialsCache.Source.VENDED);
        assertThat(recovered.credentials().credentials().accessKeyId()).isNotEqualTo("ASIA1");
    }

    @Test
    void shouldRetryAFailedBackgroundRefreshOnALaterLookupWithoutFloodingSts() throws Exception {
        CredentialsCache cache = cache();
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();
        AtomicInteger refreshCalls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Function<AssumeRoleSpec, VendedCredentials> flakySts = spec -> {
            if (refreshCalls.incrementAndGet() == 1) {
                throw new CredentialsUnavailableException("acme", "role", "STS is throttling", null);
            }
            await(release);
            return credentials(LIFETIME);
        };
        clock.advance(Duration.ofSeconds(600));
        cache.get(spec("acme"), flakySts);
        awaitRefreshes(1);
        assertThat(refreshCalls).hasValue(1);

        for (int i = 0; i < 10; i++) {
            assertThat(cache.get(spec("acme"), flakySts).credentials()).isSameAs(first);
        }
        release.countDown();
        awaitRefreshes(1);

        assertThat(refreshCalls).hasValue(2);
        assertThat(refreshes("failure")).isEqualTo(1);
        assertThat(refreshes("success")).isEqualTo(1);
        assertThat(cache.get(spec("acme"), sts).credentials()).isNotSameAs(first);
    }

    @Test
    void shouldKeepServingAndTryAgainLaterWhenTheRefresherRefusesARefresh() {
        CredentialsCache cache = cache(100, refresh -> {
            throw new RejectedExecutionException("queue full");
        });
        VendedCredentials first = cache.get(spec("acme"), sts).credentials();
        clock.advance(Duration.ofSeconds(600));

        assertThat(cache.get(spec("acme"), sts).credentials()).isSameAs(first);
        assertThat(cache.get(spec("acme"), sts).credentials()).isSameAs(first);

        assertThat(refreshes("rejected")).isEqualTo(2);
        assertThat(vends).hasValue(1);
    }

    @Test
    void shouldNeverServeExpiredCredentialsEvenWhenStsGrantsLessThanAsked() {
        CredentialsCache cache = cache();
        cache.get(spec("acme"), spec -> credentials(Duration.ofSeconds(30)));

        clock.advance(Duration.ofSeconds(31));
        CredentialsCache.Lookup lookup = cache.get(spec("acme"), sts);

        assertThat(lookup.source()).isEqualTo(CredentialsCache.Source.VENDED);
        assertThat(lookup.credentials().expiration()).isAfter(clock.instant());
    }

    @Test
    void shouldRefuseCredentialsThatAreExpiredWhenTheyArrive() {
        CredentialsCache cache = cache();

        assertThatThrownBy(() -> cache.get(spec("acme"), spec -> credentials(Duration.ZERO)))
                .isInstanceOf(CredentialsUnavailableException.class).hasMessageContaining("already expired");
    }

    @Test
    void shouldKeepTenantsApart() {
        CredentialsCache cache = cache();

        VendedCredentials acme = cache.get(spec("acme"), sts).credentials();
        VendedCredentials globex = cache.get(spec("globex"), sts).credentials();

        assertThat(globex).isNotSameAs(acme);
        assertThat(cache.get(spec("acme"), sts).credentials()).isSameAs(acme);
        assertThat(cache.get(spec("globex"), sts).credentials()).isSameAs(globex);
    }

    @Test
    void shouldShareOneVendAmongConcurrentRequestsForTheSameSpec() throws Exception {
        CredentialsCache cache = cache();
        CountDownLatch stsCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<AssumeRoleSpec, VendedCredentials> slowSts = blockingSts(stsCalled, release);
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
        CredentialsCache cache = cache();

        assertThatThrownBy(() -> cache.get(spec("acme"), spec -> {
            throw new CredentialsUnavailableException("acme", "role", "STS is down", null);
        })).isInstanceOf(CredentialsUnavailableException.class);

        assertThat(cache.get(spec("acme"), sts).source()).isEqualTo(CredentialsCache.Source.VENDED);
    }

    @Test
    void shouldShareAFailedVendWithTheRequestsWaitingForItAndRetryOnTheNextRequest() throws Exception {
        CredentialsCache cache = cache();
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
        CredentialsCache cache = cache(5, refresher);

        for (int i = 0; i < 50; i++) {
            cache.get(spec("tenant" + i), sts);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void shouldRefuseARefreshFractionOutsideZeroToOne() {
        VendingMetrics metrics = new VendingMetrics(meters);
        assertThatThrownBy(() -> new CredentialsCache(5, 1.0, MARGIN, clock, refresher, metrics))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CredentialsCache(5, 0, MARGIN, clock, refresher, metrics))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseANegativeExpiryMargin() {
        assertThatThrownBy(() -> new CredentialsCache(5, 1.0 / 3, Duration.ofSeconds(-1), clock, refresher,
                new VendingMetrics(meters)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiry-margin");
    }

    private double refreshes(String outcome) {
        return meters.counter(VendingMetrics.REFRESHES, "outcome", outcome).count();
    }

    private void awaitRefreshes(int count) throws InterruptedException {
        assertThat(refreshesDone.tryAcquire(count, 10, TimeUnit.SECONDS)).as("background refreshes finished").isTrue();
    }

    /** An STS that counts {@code called} down when asked and answers once {@code release} opens. */
    private Function<AssumeRoleSpec, VendedCredentials> blockingSts(CountDownLatch called, CountDownLatch release) {
        return spec -> {
            called.countDown();
            await(release);
            return credentials(LIFETIME);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
