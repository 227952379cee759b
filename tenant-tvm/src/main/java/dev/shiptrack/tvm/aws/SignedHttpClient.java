package dev.shiptrack.tvm.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Plain HTTP calls to an AWS endpoint that has no SDK client here (the OpenSearch domain, signing name {@code es}),
 * each SigV4-signed with a tenant's vended credentials by {@link TenantRequestSigner} (or, for a readiness probe
 * that reads no data, with the service's own). The URL-connection client
 * keeps it native-friendly; both timeouts bound a backend that hangs.
 */
public final class SignedHttpClient implements AutoCloseable {

    /** Status and body of one exchange. */
    public record Answer(int status, byte[] body) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private final TenantRequestSigner signer;
    private final URI endpoint;
    private final String signingName;
    private final SdkHttpClient http;

    public SignedHttpClient(TenantRequestSigner signer, URI endpoint, String signingName, Duration connectTimeout,
            Duration readTimeout) {
        this.signer = signer;
        this.endpoint = endpoint;
        this.signingName = signingName;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(readTimeout).build();
    }

    /**
     * Sends one request signed with {@code signingTenant}'s credentials.
     *
     * @param path  absolute path, already URL-encoded
     * @param query query parameters (not URL-encoded)
     * @param json  request body, or null
     * @throws UncheckedIOException when the endpoint cannot be reached or does not answer in time
     */
    public Answer send(TenantId signingTenant, SdkHttpMethod method, String path, Map<String, String> query,
            byte[] json) {
        SdkHttpFullRequest.Builder request = request(method, path);
        query.forEach(request::putRawQueryParameter);
        if (json != null) {
            request.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(json.length))
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(json));
        }
        return execute(signer.sign(signingTenant, request.build(), signingName));
    }

    /**
     * Sends one request without a body, signed with {@code identity}: the service's own, allowed only requests that
     * read no tenant's data (a readiness probe's {@code HEAD /}).
     *
     * @throws UncheckedIOException when the endpoint cannot be reached or does not answer in time
     */
    public Answer probe(AwsCredentialsIdentity identity, SdkHttpMethod method, String path) {
        return execute(signer.sign(identity, request(method, path).build(), signingName));
    }

    private SdkHttpFullRequest.Builder request(SdkHttpMethod method, String path) {
        return SdkHttpFullRequest.builder().uri(endpoint).encodedPath(path).method(method);
    }

    private Answer execute(SdkHttpFullRequest signed) {
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed)
                    .contentStreamProvider(signed.contentStreamProvider().orElse(null))
                    .build()).call();
            return new Answer(response.httpResponse().statusCode(), readAll(response));
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

    @Override
    public void close() {
        http.close();
    }
}
