package dev.shiptrack.tracking.client;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tvm.aws.SignedHttpClient;
import dev.shiptrack.tvm.aws.TenantRequestSigner;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * HTTP calls to the OpenSearch domain, SigV4-signed (service {@code es}) with a tenant's vended credentials through
 * the TVM's {@link SignedHttpClient}. Plain requests keep it native-friendly (no reflective JSON mapping of a
 * generated client).
 */
@ApplicationScoped
public class SignedOpenSearchClient {

    private static final String SERVICE = "es";
    /** The SDK's defaults for its HTTP clients, as before; shorter, configurable bounds are issue 13's work. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final SignedHttpClient http;

    SignedOpenSearchClient(TenantRequestSigner signer, TrackingConfig config) {
        this.http = new SignedHttpClient(signer, config.opensearch().endpoint(), SERVICE, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /**
     * Sends one request signed with {@code signingTenant}'s credentials.
     *
     * @param path  absolute path, already URL-encoded
     * @param query query parameters (not URL-encoded)
     * @param json  request body, or null
     * @throws UncheckedIOException when the domain cannot be reached
     */
    public OpenSearchResponse send(TenantId signingTenant, SdkHttpMethod method, String path,
            Map<String, String> query, byte[] json) {
        SignedHttpClient.Answer answer = http.send(signingTenant, method, path, query, json);
        return new OpenSearchResponse(answer.status(), answer.body());
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
