package dev.shiptrack.tracking.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tvm.aws.TenantRequestSigner;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * HTTP calls to the OpenSearch domain, SigV4-signed (service {@code es}) with a tenant's vended credentials by the
 * TVM's {@link TenantRequestSigner}. Plain requests over the URL-connection client keep it native-friendly (no
 * reflective JSON mapping of a generated client).
 */
@ApplicationScoped
public class SignedOpenSearchClient {

    private static final String SERVICE = "es";

    private final TenantRequestSigner signer;
    private final URI endpoint;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    SignedOpenSearchClient(TenantRequestSigner signer, TrackingConfig config) {
        this.signer = signer;
        this.endpoint = config.opensearch().endpoint();
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
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .uri(endpoint)
                .encodedPath(path)
                .method(method);
        query.forEach(request::putRawQueryParameter);
        if (json != null) {
            request.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(json.length))
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(json));
        }
        SdkHttpFullRequest signed = signer.sign(signingTenant, request.build(), SERVICE);
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed)
                    .contentStreamProvider(signed.contentStreamProvider().orElse(null))
                    .build()).call();
            return new OpenSearchResponse(response.httpResponse().statusCode(), readAll(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream body = response.responseBody().get()) {
            return body.readAllBytes();
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
