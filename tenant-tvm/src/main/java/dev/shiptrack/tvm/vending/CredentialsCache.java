package dev.shiptrack.tvm.vending;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Vended credentials by {@link AssumeRoleSpec}. Once less than the configured fraction of its lifetime remains, an
 * entry is still returned at once while one background refresh per spec vends its replacement; if refreshes fail,
 * the entry is returned until its hard point, the expiry margin before expiration, and then a request vends
 * synchronously. Expired credentials are never returned; concurrent requests for a missing entry wait for one vend
 * instead of each calling STS; the number of entries is bounded. Time comes from the given clock, so tests can
 * move it.
 */
// Caffeine instantiates its cache and node classes by name (one per feature combination): the native image needs
// the two this builder picks (async, maximum size, custom expiry). The refreshes are this class's own, not
// Caffeine's refreshAfterWrite (which would pick other classes), because the refresh point depends on the lifetime
// STS granted.
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSWMW" })
final class CredentialsCache {

    private static final Logger LOG = Logger.getLogger(CredentialsCache.class);

    private final AsyncCache<AssumeRoleSpec, Entry> cache;
    private final Set<AssumeRoleSpec> refreshing = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final double refreshWhenRemaining;
    private final Duration expiryMargin;
    private final Executor refresher;
    private final VendingMetrics metrics;

    /**
     * @param refresher runs the background refreshes; it should be bounded, and may refuse a refresh when busy
     *                  (a later lookup tries again)
     */
    CredentialsCache(long maxSize, double refreshWhenRemaining, Duration expiryMargin, Clock clock, Executor refresher,
                     VendingMetrics metrics) {
        if (!(refreshWhenRemaining > 0 && refreshWhenRemaining < 1)) {
            throw new IllegalArgumentException("tenant-tvm.cache.refresh-when-remaining must be between 0 and 1");
        }
        if (expiryMargin.isNegative()) {
            throw new IllegalArgumentException("tenant-tvm.cache.expiry-margin must not be negative");
        }
        this.clock = clock;
        this.refreshWhenRemaining = refreshWhenRemaining;
        this.expiryMargin = expiryMargin;
        this.refresher = refresher;
        this.metrics = metrics;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> nanosSinceEpoch(clock.instant()))
                .expireAfter(new UntilHardPoint())
                .buildAsync();
    }

    /**
     * The cached credentials for {@code spec}, or those {@code vend} returns; {@code vend} runs on the calling
     * thread when there are no usable credentials, on the refresher past the refresh point, and at most once at a
     * time per spec on each.
     */
    Lookup get(AssumeRoleSpec spec, Function<AssumeRoleSpec, VendedCredentials> vend) {
        while (true) {
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            CompletableFuture<Entry> existing = cache.asMap().putIfAbsent(spec, mine);
            if (existing == null) {
                return new Lookup(vendInto(mine, spec, vend), Source.VENDED);
            }
            Source source = existing.isDone() ? Source.CACHED : Source.SHARED;
            Entry entry = await(existing);
            Instant now = clock.instant();
            if (now.isBefore(entry.refreshAt())) {
                return new Lookup(entry.credentials(), source);
            }
            if (now.isBefore(entry.hardPoint())) {
                refreshInBackground(spec, existing, entry, vend);
                return new Lookup(entry.credentials(), Source.REFRESHING);
            }
            // Only reachable if the clock passed the hard point between the cache's check and ours.
            cache.asMap().remove(spec, existing);
        }
    }

    /** Number of cached credential sets. */
    long size() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }

    private VendedCredentials vendInto(CompletableFuture<Entry> mine, AssumeRoleSpec spec,
                                       Function<AssumeRoleSpec, VendedCredentials> vend) {
        try {
            Entry entry = vendEntry(spec, vend);
            mine.complete(entry);
            return entry.credentials();
        } catch (RuntimeException | Error e) {
            // Waiting requests share the failure; the cache drops the failed entry so the next request tries again.
            // Wrapped in a cancellation because the cache logs any other failure with its stack trace, and the
            // audit log already has it.
            CancellationException failed = new CancellationException("Vend failed");
            failed.initCause(e);
            mine.completeExceptionally(failed);
            throw e;
        }
    }

    /** Starts a refresh of {@code spec} unless one is in flight; {@code current} holds the entry it replaces. */
    private void refreshInBackground(AssumeRoleSpec spec, CompletableFuture<Entry> current, Entry entry,
                                     Function<AssumeRoleSpec, VendedCredentials> vend) {
        if (!refreshing.add(spec)) {
            return;
        }
        try {
            refresher.execute(() -> refresh(spec, current, entry, vend));
        } catch (RejectedExecutionException e) {
            // The refresher is full or shut down: the current credentials stay usable, a later lookup tries again.
            refreshing.remove(spec);
            metrics.refresh("rejected");
        }
    }

    private void refresh(AssumeRoleSpec spec, CompletableFuture<Entry> current, Entry entry,
                         Function<AssumeRoleSpec, VendedCredentials> vend) {
        try {
            // Replaces only the entry the refresh started from: one vended synchronously meanwhile (past the hard
            // point) is as fresh, and an evicted one is not brought back.
            cache.asMap().replace(spec, current, CompletableFuture.completedFuture(vendEntry(spec, vend)));
            metrics.refresh("success");
        } catch (RuntimeException e) {
            // The audit log has the STS failure; this says what happens next. A later lookup tries again.
            metrics.refresh("failure");
            LOG.warnf("Background refresh of the credentials of tenant %s failed; the cached ones are handed out"
                    + " until %s: %s", spec.tenant(), entry.hardPoint(), e.getMessage());
        } finally {
            // Only after the replacement, so no lookup in between sees the old entry without a refresh in flight.
            refreshing.remove(spec);
        }
    }

    private Entry vendEntry(AssumeRoleSpec spec, Function<AssumeRoleSpec, VendedCredentials> vend) {
        Instant vendedAt = clock.instant();
        VendedCredentials credentials = vend.apply(spec);
        Instant expiration = credentials.expiration();
        if (!clock.instant().isBefore(expiration)) {
            throw new CredentialsUnavailableException(spec.tenant().value(), spec.roleArn(),
                    "STS returned credentials that have already expired (" + expiration + ")", null);
        }
        Duration lifetime = Duration.between(vendedAt, expiration);
        Instant refreshAt = expiration.minus(Duration.ofNanos((long) (lifetime.toNanos() * refreshWhenRemaining)));
        // Credentials granted too short a lifetime for the margin are replaced synchronously at their refresh point,
        // as they were before refreshing ahead; the hard point is never after the expiration.
        Instant marginPoint = expiration.minus(expiryMargin);
        return new Entry(credentials, refreshAt, marginPoint.isAfter(refreshAt) ? marginPoint : refreshAt);
    }

    private static Entry await(CompletableFuture<Entry> future) {
        try {
            return future.join();
        } catch (CancellationException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static long nanosSinceEpoch(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Where the credentials of a lookup came from. */
    enum Source {
        /** Vended by this request. */
        VENDED,
        /** Vended by a concurrent request that this one waited for. */
        SHARED,
        /** Vended earlier and still fresh. */
        CACHED,
        /** Vended earlier and past their refresh point: still usable, served while a background refresh runs. */
        REFRESHING
    }

    record Lookup(VendedCredentials credentials, Source source) {
    }

    /**
     * Cached credentials: from {@code refreshAt} on, a lookup starts a background refresh; from {@code hardPoint} on,
     * they are no longer handed out.
     */
    private record Entry(VendedCredentials credentials, Instant refreshAt, Instant hardPoint) {
    }

    private final class UntilHardPoint implements Expiry<AssumeRoleSpec, Entry> {

        @Override
        public long expireAfterCreate(AssumeRoleSpec key, Entry entry, long currentTime) {
            return Math.max(0, nanosSinceEpoch(entry.hardPoint()) - nanosSinceEpoch(clock.instant()));
        }

        @Override
        public long expireAfterUpdate(AssumeRoleSpec key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(AssumeRoleSpec key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
