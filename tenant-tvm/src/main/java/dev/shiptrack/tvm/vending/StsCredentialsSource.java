package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.config.TvmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Calls {@code sts:AssumeRole} on the one shared STS client: retries throttling and unreachable STS with
 * full-jitter exponential backoff, and turns every failure into {@link TenantAccessDeniedException} or
 * {@link CredentialsUnavailableException}. There is no fallback to the service's own credentials.
 */
@ApplicationScoped
public class StsCredentialsSource {

    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequestsException");
    private static final Set<String> POLICY_REFUSED = Set.of("PackedPolicyTooLarge", "MalformedPolicyDocument");

    private final StsClient sts;
    private final TvmConfig config;
    private final Clock clock;
    private final VendingMetrics metrics;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    @Inject
    public StsCredentialsSource(StsClient sts, TvmConfig config, Clock clock, VendingMetrics metrics) {
        this(sts, config, clock, metrics, Thread::sleep, new SecureRandom());
    }

    StsCredentialsSource(StsClient sts, TvmConfig config, Clock clock, VendingMetrics metrics, Sleeper sleeper,
                         RandomGenerator random) {
        this.sts = sts;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Assumes the role of {@code spec} with a fresh role session name. */
    VendedCredentials assume(AssumeRoleSpec spec) {
        String sessionName = SessionNames.sessionName(config.serviceName(), spec.tenant(), clock.instant(), random);
        AssumeRoleRequest request = request(spec, sessionName);
        int maxAttempts = Math.max(1, config.retry().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                AssumeRoleResponse response = sts.assumeRole(request);
                metrics.stsCall("success", Duration.ofNanos(System.nanoTime() - start));
                VendedCredentials vended = toVended(response.credentials(), spec, sessionName);
                VendingAudit.vended(spec, sessionName, "success", null);
                return vended;
            } catch (StsException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                boolean retryable = THROTTLING.contains(code) || e.statusCode() == 429 || e.statusCode() >= 500;
                metrics.stsCall(code == null ? "http-" + e.statusCode() : code, Duration.ofNanos(System.nanoTime() - start));
                if (retryable && attempt < maxAttempts) {
                    backOff(spec, attempt);
                    continue;
                }
                throw failure(spec, sessionName, code, e, retryable);
            } catch (SdkClientException e) {
                metrics.stsCall("unreachable", Duration.ofNanos(System.nanoTime() - start));
                if (attempt < maxAttempts) {
                    backOff(spec, attempt);
                    continue;
                }
                throw unavailable(spec, sessionName, "STS is unreachable: " + e.getMessage(), e);
            }
        }
    }

    private AssumeRoleRequest request(AssumeRoleSpec spec, String sessionName) {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(spec.roleArn())
                .roleSessionName(sessionName)
                .durationSeconds(Math.toIntExact(config.sessionDuration().toSeconds()));
        if (!spec.sessionTags().isEmpty()) {
            request.tags(spec.sessionTags().entrySet().stream()
                    .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                    .toList());
        }
        spec.sessionPolicy().ifPresent(request::policy);
        return request.build();
    }

    private VendedCredentials toVended(Credentials credentials, AssumeRoleSpec spec, String sessionName) {
        Instant expiration = credentials.expiration();
        AwsSessionCredentials session = AwsSessionCredentials.builder()
                .accessKeyId(credentials.accessKeyId())
                .secretAccessKey(credentials.secretAccessKey())
                .sessionToken(credentials.sessionToken())
                .expirationTime(expiration)
                .build();
        return new VendedCredentials(session, expiration, spec.roleArn(), sessionName, spec.policyHash());
    }

    private RuntimeException failure(AssumeRoleSpec spec, String sessionName, String code, StsException e,
                                     boolean retryable) {
        String tenant = spec.tenant().value();
        if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
            metrics.failure("access-denied");
            VendingAudit.vended(spec, sessionName, "access-denied", code);
            return new TenantAccessDeniedException(tenant, spec.roleArn(),
                    "STS refused to vend credentials of " + spec.roleArn() + " for tenant " + tenant, e);
        }
        if (POLICY_REFUSED.contains(code)) {
            metrics.failure("policy-rejected");
            VendingAudit.vended(spec, sessionName, "policy-rejected", code);
            return new SessionPolicyRejectedException(tenant, spec.roleArn(), "STS refused the session policy ("
                    + code + "): shorten or split tenant-tvm.permission-templates", e);
        }
        String reason = retryable ? "STS is throttling or failing (" + code + ") after "
                + config.retry().maxAttempts() + " attempts" : "STS refused the call (" + code + ")";
        return unavailable(spec, sessionName, reason, e);
    }

    private RuntimeException unavailable(AssumeRoleSpec spec, String sessionName, String reason, Exception e) {
        metrics.failure("unavailable");
        VendingAudit.vended(spec, sessionName, "unavailable", reason);
        return new CredentialsUnavailableException(spec.tenant().value(), spec.roleArn(), reason, e);
    }

    /** Full jitter: a uniform delay between zero and the exponential bound, so retries of many callers spread. */
    private void backOff(AssumeRoleSpec spec, int attempt) {
        metrics.retry();
        long bound = Math.min(config.retry().maxBackoff().toMillis(),
                config.retry().initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        try {
            sleeper.sleep(bound <= 0 ? 0 : random.nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsUnavailableException(spec.tenant().value(), spec.roleArn(),
                    "Interrupted while waiting to retry STS", e);
        }
    }

    /** Waits between attempts; tests replace it to record the delays instead of waiting. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
