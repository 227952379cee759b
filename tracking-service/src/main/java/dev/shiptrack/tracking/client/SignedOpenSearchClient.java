package dev.shiptrack.tracking.client;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tvm.aws.SignedHttpClient;
import dev.shiptrack.tvm.aws.TenantRequestSigner;
import dev.shiptrack.tvm.tenant.TenantId;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * HTTP calls to the OpenSearch domain, SigV4-signed (service {@code es}) with a tenant's vended credentials through
 * the TVM's {@link SignedHttpClient}. Plain requests keep it native-friendly (no reflective JSON mapping of a
 * generated client). Connect and read timeouts bound a hung domain; the circuit breaker then answers at once
 * instead of making every request wait for its timeout.
 */
@ApplicationScoped
public class SignedOpenSearchClient {

    /** Name of the circuit breaker (SmallRye Fault Tolerance's metrics and configuration use it). */
    public static final String CIRCUIT_BREAKER = "opensearch";
    /** How long the breaker stays open before it lets one trial request through; also the 503's Retry-After. */
    public static final int OPEN_SECONDS = 5;
    private static final String SERVICE = "es";

    /**
     * A call given less time than the domain's read timeout (the rest of its request's budget) that used it all: no
     * sign that the domain is down, so the breaker does not count it.
     */
    public static final class CutShortException extends UncheckedIOException {

        CutShortException(SignedHttpClient.ExchangeTimeoutException timedOut) {
            super("the request's time ran out before the domain answered", timedOut.getCause());
        }
    }

    private final SignedHttpClient http;
    private final Duration readTimeout;

    SignedOpenSearchClient(TenantRequestSigner signer, TrackingConfig config) {
        this.readTimeout = config.opensearch().readTimeout();
        this.http = new SignedHttpClient(signer, config.opensearch().endpoint(), SERVICE,
                config.opensearch().connectTimeout(), readTimeout);
    }

    /**
     * Sends one request signed with {@code signingTenant}'s credentials. Half of 4 consecutive requests failing to
     * reach the domain (refused or timed out; an HTTP error status is an answer) opens the breaker.
     *
     * @param path  absolute path, already URL-encoded
     * @param query query parameters (not URL-encoded)
     * @param json  request body, or null
     * @param within the longest the exchange may take: the read timeout, or less when its request has less left
     * @throws UncheckedIOException when the domain cannot be reached or does not answer in time
     *                              ({@link CutShortException} when it had less than the read timeout)
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException while the breaker is open
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = OPEN_SECONDS,
            delayUnit = ChronoUnit.SECONDS, failOn = UncheckedIOException.class, skipOn = CutShortException.class)
    @CircuitBreakerName(CIRCUIT_BREAKER)
    public OpenSearchResponse send(TenantId signingTenant, SdkHttpMethod method, String path,
            Map<String, String> query, byte[] json, Duration within) {
        try {
            SignedHttpClient.Answer answer = http.send(signingTenant, method, path, query, json, within);
            return new OpenSearchResponse(answer.status(), answer.body());
        } catch (SignedHttpClient.ExchangeTimeoutException e) {
            if (within.compareTo(readTimeout) < 0) {
                throw new CutShortException(e);
            }
            throw e;
        }
    }

    /**
     * {@code HEAD /} signed with the service's own identity, past the breaker: the readiness probe, which must see the
     * domain as it is now.
     *
     * @return the HTTP status (any status means the domain answered)
     * @throws UncheckedIOException when the domain cannot be reached or does not answer in time
     */
    public int probe(AwsCredentialsIdentity serviceIdentity) {
        return http.probe(serviceIdentity, SdkHttpMethod.HEAD, "/").status();
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
