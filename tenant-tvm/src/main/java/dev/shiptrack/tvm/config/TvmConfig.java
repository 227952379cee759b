package dev.shiptrack.tvm.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the token vending machine, under the prefix {@code tenant-tvm}. */
@ConfigMapping(prefix = "tenant-tvm")
public interface TvmConfig {

    /** Claim of the verified JWT that carries the tenant id ({@code custom:tenant_id} with Cognito). */
    @WithDefault("tenantId")
    String tenantClaim();

    /** How tenant credentials are obtained: {@code abac} (one role, TenantID session tag) or {@code role-per-tenant}. */
    @WithDefault("abac")
    Strategy strategy();

    /** Role assumed with the abac strategy, e.g. {@code arn:aws:iam::123456789012:role/TrackingAccessRole}. */
    Optional<String> roleArn();

    /** Role ARN with a {@code {{tenant}}} placeholder for role-per-tenant, e.g. {@code arn:aws:iam::<account>:role/assumeRole-{{tenant}}}. */
    Optional<String> roleArnTemplate();

    /** Name of the calling service, part of every role session name (lowercase letters, digits and '-', at most 16). */
    @WithDefault("shiptrack")
    String serviceName();

    /** Lifetime requested for vended credentials (STS accepts 900 s to the role's maximum session duration). */
    @WithDefault("900s")
    Duration sessionDuration();

    /** Permission templates (file names without .json in deploy/iam/permission-templates) merged into the session policy; none = no session policy. */
    Optional<List<String>> permissionTemplates();

    /** Values of the template placeholders other than {@code tenant}: table, bucket, domain, region, account. */
    Map<String, String> templateValues();

    /** Extra session tags for the abac strategy: tag key to the JWT claim holding its value. */
    Map<String, String> tagClaims();

    /**
     * Whether sessions carry the {@code StorageModel} tag ({@code pool} or {@code silo}, from the routes registry),
     * as TrackingAccessRole's trust policy requires; needs {@code tenant-routing.registry.table}.
     */
    @WithDefault("false")
    boolean storageModelTag();

    /** Region used to sign tenant requests (SigV4) and RDS authentication tokens. */
    @WithDefault("us-east-1")
    String region();

    /** Cache of vended credentials. */
    Cache cache();

    /** Retries of throttled or unavailable STS calls. */
    Retry retry();

    /** Benchmark-only ways of getting credentials (docs/benchmarks.md), refused unless the profile {@code bench} is active. */
    Benchmark benchmark();

    /** The strategies for obtaining tenant credentials. */
    enum Strategy {
        /** One role for all tenants; the session carries the tag {@code TenantID=<tenant>} (seed 001). */
        ABAC,
        /** One role per tenant, its ARN made from {@code role-arn-template} (seed 000). */
        ROLE_PER_TENANT
    }

    /** Cache of vended credentials. */
    interface Cache {

        /** Most credential sets kept at once (one per role, tenant, tags and session policy). */
        @WithDefault("10000")
        long maxSize();

        /** A background refresh starts once less than this fraction of the lifetime remains (0 to 1, exclusive). */
        @WithDefault("0.3333")
        double refreshWhenRemaining();

        /** Cached credentials are never handed out later than this before they expire; a request then waits for STS. */
        @WithDefault("60s")
        Duration expiryMargin();
    }

    /**
     * Benchmark-only credentials, to measure what tenant credentials cost against their alternatives. Refused at start
     * unless the Quarkus profile {@code bench} is active ({@code QUARKUS_PROFILE=prod,bench}): no application profile
     * can reach them.
     */
    interface Benchmark {

        /** {@code tenant} (the default: vended per tenant and cached), {@code static} or {@code per-request}. */
        @WithDefault("tenant")
        BenchmarkCredentials credentials();

        /** The access key id of {@code credentials=static}. */
        Optional<String> staticAccessKeyId();

        /** The secret access key of {@code credentials=static}. */
        Optional<String> staticSecretAccessKey();
    }

    /** Where the benchmark modes get credentials. */
    enum BenchmarkCredentials {
        /** From the cache, vended per tenant: what the application does. */
        TENANT,
        /** One static key for every tenant: the baseline without tenant credentials (no isolation at IAM). */
        STATIC,
        /** A fresh AssumeRole for every request, never cached, as the source articles' Lambdas do. */
        PER_REQUEST
    }

    /** Retries of throttled or unavailable STS calls, with full-jitter exponential backoff. */
    interface Retry {

        /** STS calls made at most per vend, the first included. */
        @WithDefault("4")
        int maxAttempts();

        /** Upper bound of the first backoff; it doubles on every retry. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** Upper bound of any backoff. */
        @WithDefault("2s")
        Duration maxBackoff();
    }
}
