package dev.shiptrack.tracking.health;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.shiptrack.tracking.client.SignedOpenSearchClient;
import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Ready when DynamoDB, OpenSearch, S3 and STS each answer a probe within {@code tracking.readiness.probe-timeout}.
 * The probes reach the stores themselves (through the local edge too), so a hung store counts as DOWN and not only
 * a refused one, and they read no tenant's data: signed with the service's own identity (TrackingServiceRole), they
 * are DescribeTable, {@code HEAD /} of the domain, {@code HEAD} of the object {@code _readiness} (404 or 403 is an
 * answer) and GetCallerIdentity; besides them the role may only read the routes registry. They run side by side, so the check as a
 * whole takes at most one probe timeout.
 */
@Readiness
@ApplicationScoped
public class BackendReadinessCheck implements HealthCheck {

    /** The object the S3 probe asks for: outside every tenant's prefix, and never written. */
    static final String S3_PROBE_KEY = "_readiness";

    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final Duration timeout;
    /** Probe threads of their own: a hung probe must not hold a worker the service needs. */
    private final ExecutorService probing = Executors.newCachedThreadPool(probe -> {
        Thread thread = new Thread(probe, "readiness-probe");
        thread.setDaemon(true);
        return thread;
    });

    BackendReadinessCheck(DynamoDbClient dynamoDb, S3Client s3, StsClient sts, SignedOpenSearchClient openSearch,
            TenantAwsRequests requests, TrackingConfig config) {
        IdentityProvider<? extends AwsCredentialsIdentity> service = sts.serviceClientConfiguration()
                .credentialsProvider();
        AwsRequestOverrideConfiguration asService = requests.asService();
        this.timeout = config.readiness().probeTimeout();
        probes.put("dynamodb", () -> dynamoDb.describeTable(r -> r.tableName(config.table())
                .overrideConfiguration(asService)));
        probes.put("opensearch", () -> {
            // A 5xx is not the domain answering: on AWS it is a red or overloaded domain, locally the edge saying it
            // cannot reach OpenSearch (a killed process refuses connections at once, faster than any timeout).
            int status = openSearch.probe(service.resolveIdentity().join());
            if (status >= 500) {
                throw new ProbeRefusedException("answered " + status);
            }
        });
        probes.put("s3", () -> {
            try {
                s3.headObject(r -> r.bucket(config.bucket()).key(S3_PROBE_KEY).overrideConfiguration(asService));
            } catch (AwsServiceException answered) {
                if (answered.statusCode() != 404 && answered.statusCode() != 403) {
                    throw answered;
                }
            }
        });
        probes.put("sts", () -> sts.getCallerIdentity());
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
        probes.forEach((name, probe) -> running.put(name, CompletableFuture.runAsync(probe::run, probing)));
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends").up();
        running.forEach((name, probe) -> {
            String problem = outcome(probe, deadline);
            response.withData(name, problem == null ? "reachable" : problem);
            if (problem != null) {
                response.down();
            }
        });
        return response.build();
    }

    /** Null when the probe succeeded before the deadline, else why not. */
    private String outcome(CompletableFuture<Void> probe, long deadline) {
        try {
            probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            // The probe's thread ends at its own client's timeout; the check does not wait for it.
            return noAnswer(timeout);
        } catch (ExecutionException e) {
            return failure(e.getCause(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Why a probe that ended before the deadline failed. Its client's own read timeout is about as long as the
     * deadline, and may fire first: that is the same hang, reported the same way.
     */
    static String failure(Throwable failed, Duration timeout) {
        if (failed instanceof ProbeRefusedException refused) {
            return refused.getMessage();
        }
        if (failed instanceof AwsServiceException refused) {
            return "answered " + refused.statusCode() + (refused.awsErrorDetails() == null ? ""
                    : " " + refused.awsErrorDetails().errorCode());
        }
        Throwable root = failed;
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException) {
                return noAnswer(timeout);
            }
            root = cause;
        }
        return "unreachable: " + root.getClass().getSimpleName();
    }

    private static String noAnswer(Duration timeout) {
        return "no answer within " + timeout.toMillis() + " ms";
    }

    @PreDestroy
    void close() {
        probing.shutdownNow();
    }

    /** A backend that answered, but with a failure of its own. */
    private static final class ProbeRefusedException extends RuntimeException {
        ProbeRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Probe {
        void run();
    }
}
