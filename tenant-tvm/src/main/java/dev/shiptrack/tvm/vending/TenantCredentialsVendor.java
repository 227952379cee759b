package dev.shiptrack.tvm.vending;

import dev.shiptrack.iam.PolicyValidator.InvalidPolicyException;
import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.config.TvmConfig.BenchmarkCredentials;
import dev.shiptrack.tvm.config.TvmConfig.Strategy;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import dev.shiptrack.tvm.tenant.InvalidTenantException;
import dev.shiptrack.tvm.tenant.TenantId;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Turns a tenant into AWS credentials that can only reach that tenant's data: {@code sts:AssumeRole} with the
 * session tag {@code TenantID=<tenant>} (abac) or on the tenant's own role (role-per-tenant), optionally with a
 * session policy made from permission templates, through a cache shared by all requests that refreshes its entries
 * in the background.
 */
@ApplicationScoped
public class TenantCredentialsVendor {

    /** The session tag every policy of the abac strategy reads as {@code ${aws:PrincipalTag/TenantID}}. */
    public static final String TENANT_TAG = "TenantID";
    /** The only profile in which {@code tenant-tvm.benchmark.credentials} may be other than {@code tenant}. */
    public static final String BENCHMARK_PROFILE = "bench";
    private static final String TENANT_PLACEHOLDER = "{{tenant}}";
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
    /** Background refreshes wait for STS, so a few threads suffice for all tenants; their queue is bounded too. */
    private static final int REFRESH_THREADS = 4;
    private static final int REFRESH_QUEUE = 1_000;

    private final TvmConfig config;
    private final SessionPolicies policies;
    private final StsCredentialsSource sts;
    private final VendingMetrics metrics;
    private final Instance<CurrentTenant> currentTenant;
    private final TenantStorageModels storageModels;
    private final ExecutorService refresher;
    private final CredentialsCache cache;
    private final BenchmarkCredentials benchmarkCredentials;
    /** Only with the static benchmark mode; null otherwise. */
    private final AwsCredentialsProvider staticCredentials;

    @Inject
    public TenantCredentialsVendor(TvmConfig config, SessionPolicies policies, StsCredentialsSource sts,
                                   VendingMetrics metrics, Instance<CurrentTenant> currentTenant,
                                   TenantStorageModels storageModels, Clock clock) {
        this(config, policies, sts, metrics, currentTenant, storageModels, clock, ConfigUtils.getProfiles());
    }

    /** @param profiles the active Quarkus profiles: the benchmark modes need {@value #BENCHMARK_PROFILE} among them */
    public TenantCredentialsVendor(TvmConfig config, SessionPolicies policies, StsCredentialsSource sts,
                                   VendingMetrics metrics, Instance<CurrentTenant> currentTenant,
                                   TenantStorageModels storageModels, Clock clock, List<String> profiles) {
        this.config = config;
        this.policies = policies;
        this.sts = sts;
        this.metrics = metrics;
        this.currentTenant = currentTenant;
        this.storageModels = storageModels;
        this.refresher = refreshPool();
        this.cache = new CredentialsCache(config.cache().maxSize(), config.cache().refreshWhenRemaining(),
                config.cache().expiryMargin(), clock, refresher, metrics);
        checkConfiguration();
        this.benchmarkCredentials = benchmarkCredentials(config.benchmark(), profiles);
        this.staticCredentials = benchmarkCredentials == BenchmarkCredentials.STATIC
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.benchmark().staticAccessKeyId().orElseThrow(),
                        config.benchmark().staticSecretAccessKey().orElseThrow()))
                : null;
    }

    /** Stops the background refreshes with the application; a refresh in flight is interrupted. */
    @PreDestroy
    void stopRefreshing() {
        refresher.shutdownNow();
    }

    /**
     * A credentials provider for the tenant, to set per request on a shared SDK client. Every
     * {@code resolveCredentials()} goes through the cache, so it never returns expired credentials. Session tags
     * taken from token claims are read now, on the request's thread.
     */
    public AwsCredentialsProvider credentialsFor(TenantId tenant) {
        return credentialsFor(tenant, storageModelTag(tenant));
    }

    /**
     * Like {@link #credentialsFor(TenantId)}, for a caller that chose the tenant's table by {@code storage}: the
     * session is tagged with the same model, so table and credentials cannot disagree when the model changes between
     * two reads of the registry.
     */
    public AwsCredentialsProvider credentialsFor(TenantId tenant, StorageModel storage) {
        return credentialsFor(tenant, Optional.of(storage));
    }

    private AwsCredentialsProvider credentialsFor(TenantId tenant, Optional<StorageModel> storage) {
        if (benchmarkCredentials == BenchmarkCredentials.STATIC) {
            return staticCredentials;
        }
        SortedMap<String, String> tags = sessionTags(tenant, storage);
        return () -> vend(tenant, tags).credentials();
    }

    /**
     * Credentials for the tenant, from the cache or from STS.
     *
     * @throws TenantAccessDeniedException     if STS refuses the role or a session tag
     * @throws CredentialsUnavailableException if STS cannot be reached or refuses the session policy
     */
    public VendedCredentials vend(TenantId tenant) {
        return vend(tenant, sessionTags(tenant, storageModelTag(tenant)));
    }

    private VendedCredentials vend(TenantId tenant, SortedMap<String, String> tags) {
        String roleArn = roleArnFor(tenant);
        AssumeRoleSpec spec;
        try {
            spec = policies.policyFor(tenant)
                    .map(policy -> new AssumeRoleSpec(roleArn, tenant, tags, Optional.of(policy.json()), policy.hash()))
                    .orElseGet(() -> new AssumeRoleSpec(roleArn, tenant, tags, Optional.empty(), SessionPolicies.NO_POLICY));
        } catch (InvalidPolicyException | IllegalArgumentException e) {
            metrics.failure("policy-rejected");
            throw new SessionPolicyRejectedException(tenant.value(), roleArn,
                    "The session policy for the tenant is not valid: " + e.getMessage(), e);
        }
        return switch (benchmarkCredentials) {
            case TENANT -> {
                CredentialsCache.Lookup lookup = cache.get(spec, sts::assume);
                metrics.lookup(lookup.source());
                yield lookup.credentials();
            }
            case PER_REQUEST -> sts.assume(spec);
            case STATIC -> throw new IllegalStateException("The static benchmark key is not vended: use credentialsFor");
        };
    }

    private String roleArnFor(TenantId tenant) {
        return config.strategy() == Strategy.ROLE_PER_TENANT
                ? config.roleArnTemplate().orElseThrow().replace(TENANT_PLACEHOLDER, tenant.value())
                : config.roleArn().orElseThrow();
    }

    /**
     * The storage model to tag the tenant's sessions with, when {@code tenant-tvm.storage-model-tag} is on.
     *
     * @throws CredentialsUnavailableException while the registry has not been read: a guess could tag a silo
     *                                         tenant's session {@code pool} and put its items in the pooled table
     */
    private Optional<StorageModel> storageModelTag(TenantId tenant) {
        if (!config.storageModelTag() || config.strategy() != Strategy.ABAC) {
            return Optional.empty();
        }
        return Optional.of(storageModels.storageOf(tenant).orElseThrow(() -> new CredentialsUnavailableException(
                tenant.value(), config.roleArn().orElseThrow(),
                "The tenant's storage model is not known yet: the routes registry has not been read", null)));
    }

    /**
     * TenantID, StorageModel (when given) and the configured claim tags (abac only: per-tenant roles are not trusted
     * to tag sessions).
     */
    private SortedMap<String, String> sessionTags(TenantId tenant, Optional<StorageModel> storage) {
        if (config.strategy() != Strategy.ABAC) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, String> tags = new TreeMap<>();
        tags.put(TENANT_TAG, tenant.value());
        storage.ifPresent(model -> tags.put(StorageModel.SESSION_TAG, model.value()));
        if (config.tagClaims().isEmpty()) {
            return Collections.unmodifiableSortedMap(tags);
        }
        CurrentTenant requestTenant;
        try {
            requestTenant = currentTenant.get();
            if (!requestTenant.get().equals(tenant)) {
                throw new InvalidTenantException("Session tags come from the token, which belongs to another tenant");
            }
        } catch (ContextNotActiveException e) {
            throw new IllegalStateException("tenant-tvm.tag-claims needs a request with a verified token", e);
        }
        for (Map.Entry<String, String> tagClaim : config.tagClaims().entrySet()) {
            String value = requestTenant.stringClaim(tagClaim.getValue());
            if (!TAG_VALUE.matcher(value).matches()) {
                throw new InvalidTenantException("The " + tagClaim.getValue() + " claim cannot be a session tag value");
            }
            tags.put(tagClaim.getKey(), value);
        }
        return Collections.unmodifiableSortedMap(tags);
    }

    private void checkConfiguration() {
        if (config.strategy() == Strategy.ABAC && config.roleArn().isEmpty()) {
            throw new IllegalArgumentException("tenant-tvm.role-arn is required with strategy abac");
        }
        if (config.strategy() == Strategy.ROLE_PER_TENANT
                && !config.roleArnTemplate().map(t -> t.contains(TENANT_PLACEHOLDER)).orElse(false)) {
            throw new IllegalArgumentException("tenant-tvm.role-arn-template with {{tenant}} is required with strategy role-per-tenant");
        }
        long seconds = config.sessionDuration().toSeconds();
        if (seconds < 900 || seconds > 43_200) {
            throw new IllegalArgumentException("tenant-tvm.session-duration must be 900 s to 12 h, as STS accepts");
        }
        double refreshWindowMillis = config.sessionDuration().toMillis() * config.cache().refreshWhenRemaining();
        if (config.cache().expiryMargin().toMillis() >= refreshWindowMillis) {
            throw new IllegalArgumentException("tenant-tvm.cache.expiry-margin must be shorter than the"
                    + " refresh-when-remaining part of session-duration, or credentials are never refreshed ahead");
        }
        if (!SessionNames.SERVICE_NAME.matcher(config.serviceName()).matches()) {
            throw new IllegalArgumentException("tenant-tvm.service-name must be 1 to 16 of [a-z0-9-]");
        }
        for (String key : config.tagClaims().keySet()) {
            if (!TAG_KEY.matcher(key).matches() || key.equalsIgnoreCase(TENANT_TAG)
                    || key.equalsIgnoreCase(StorageModel.SESSION_TAG) || key.startsWith("aws:")) {
                throw new IllegalArgumentException("tenant-tvm.tag-claims key is not a usable session tag: " + key);
            }
        }
    }

    /** The benchmark mode, after checking that only the bench profile asks for one other than the application's. */
    private static BenchmarkCredentials benchmarkCredentials(TvmConfig.Benchmark benchmark, List<String> profiles) {
        if (benchmark.credentials() != BenchmarkCredentials.TENANT && !profiles.contains(BENCHMARK_PROFILE)) {
            throw new IllegalStateException("tenant-tvm.benchmark.credentials=" + benchmark.credentials()
                    + " is for benchmarks only: it needs the Quarkus profile " + BENCHMARK_PROFILE + " (active: "
                    + profiles + ")");
        }
        if (benchmark.credentials() == BenchmarkCredentials.STATIC
                && (benchmark.staticAccessKeyId().isEmpty() || benchmark.staticSecretAccessKey().isEmpty())) {
            throw new IllegalArgumentException("tenant-tvm.benchmark.credentials=static needs"
                    + " tenant-tvm.benchmark.static-access-key-id and static-secret-access-key");
        }
        return benchmark.credentials();
    }

    /**
     * Daemon threads that time out when idle; a refresh that finds the queue full is refused, and a later lookup of
     * the same credentials tries again.
     */
    private static ExecutorService refreshPool() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(REFRESH_THREADS, REFRESH_THREADS, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(REFRESH_QUEUE), task -> {
                    Thread thread = new Thread(task, "tvm-credentials-refresh-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
