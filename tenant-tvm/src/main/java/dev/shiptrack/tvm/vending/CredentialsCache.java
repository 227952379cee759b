package dev.shiptrack.tvm.vending;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Vended credentials by {@link AssumeRoleSpec}. An entry is dropped once less than the configured fraction of its
 * lifetime remains, so the next request vends fresh credentials while the old ones are still valid; expired
 * credentials are never returned; concurrent requests for a missing entry wait for one vend instead of each
 * calling STS; the number of entries is bounded. Time comes from the given clock, so tests can move it.
 */
// Caffeine instantiates its cache and node classes by name (one per feature combination): the native image needs
// the two this builder picks (async, maximum size, custom expiry).
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSWMW" })
final class CredentialsCache {

    private final AsyncCache<AssumeRoleSpec, Entry> cache;
    private final Clock clock;
    private final double refreshWhenRemaining;

    CredentialsCache(long maxSize, double refreshWhenRemaining, Clock clock) {
        if (!(refreshWhenRemaining > 0 && refreshWhenRemaining < 1)) {
            throw new IllegalArgumentException("tenant-tvm.cache.refresh-when-remaining must be between 0 and 1");
        }
        this.clock = clock;
        this.refreshWhenRemaining = refreshWhenRemaining;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> nanosSinceEpoch(clock.instant()))
                .expireAfter(new UntilRefresh())
                .buildAsync();
    }

    /**
     * The cached credentials for {@code spec}, or those {@code vend} returns; {@code vend} runs on the calling
     * thread and at most once at a time per spec.
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
            if (clock.instant().isBefore(entry.credentials().expiration())) {
                return new Lookup(entry.credentials(), source);
            }
            // Only reachable if the clock jumped past the expiry between the cache's check and ours.
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
            Instant vendedAt = clock.instant();
            VendedCredentials credentials = vend.apply(spec);
            if (!clock.instant().isBefore(credentials.expiration())) {
                throw new CredentialsUnavailableException(spec.tenant().value(), spec.roleArn(),
                        "STS returned credentials that have already expired (" + credentials.expiration() + ")", null);
            }
            mine.complete(new Entry(credentials, refreshAt(vendedAt, credentials.expiration())));
            return credentials;
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

    private Instant refreshAt(Instant vendedAt, Instant expiration) {
        Duration lifetime = Duration.between(vendedAt, expiration);
        return expiration.minus(Duration.ofNanos((long) (lifetime.toNanos() * refreshWhenRemaining)));
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
        CACHED
    }

    record Lookup(VendedCredentials credentials, Source source) {
    }

    private record Entry(VendedCredentials credentials, Instant refreshAt) {
    }

    private final class UntilRefresh implements Expiry<AssumeRoleSpec, Entry> {

        @Override
        public long expireAfterCreate(AssumeRoleSpec key, Entry entry, long currentTime) {
            return Math.max(0, nanosSinceEpoch(entry.refreshAt()) - nanosSinceEpoch(clock.instant()));
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
