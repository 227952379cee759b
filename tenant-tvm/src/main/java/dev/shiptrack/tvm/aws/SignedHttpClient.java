package dev.shiptrack.tvm.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
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
 * keeps it native-friendly. The connect and socket timeouts bound each step against a backend that hangs; each
 * exchange is also bounded as a whole (an answer that trickles in, or a caller with less time left than a read).
 */
public final class SignedHttpClient implements AutoCloseable {

    /** Status and body of one exchange. */
    public record Answer(int status, byte[] body) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** The exchange outlived its whole bound and was aborted (the connect and socket timeouts throw their own). */
    public static final class ExchangeTimeoutException extends UncheckedIOException {

        ExchangeTimeoutException(Duration within, IOException aborted) {
            super(new SocketTimeoutException("no complete answer within " + within.toMillis() + " ms"));
            addSuppressed(aborted);
        }
    }

    private final TenantRequestSigner signer;
    private final URI endpoint;
    private final String signingName;
    private final SdkHttpClient http;
    private final Duration readTimeout;
    /** Aborts exchanges that outlive their bound (the URL-connection client has no whole-exchange timeout). */
    private final ScheduledExecutorService aborts = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "signed-http-aborts");
        thread.setDaemon(true);
        return thread;
    });

    public SignedHttpClient(TenantRequestSigner signer, URI endpoint, String signingName, Duration connectTimeout,
            Duration readTimeout) {
        this.signer = signer;
        this.endpoint = endpoint;
        this.signingName = signingName;
        this.readTimeout = readTimeout;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(readTimeout).build();
    }

    /**
     * Sends one request signed with {@code signingTenant}'s credentials.
     *
     * @param path  absolute path, already URL-encoded
     * @param query query parameters (not URL-encoded)
     * @param json  request body, or null
     * @param within the longest the whole exchange may take, connecting and reading the answer included
     * @throws UncheckedIOException when the endpoint cannot be reached or does not answer in time
     *                              ({@link ExchangeTimeoutException} when not within {@code within})
     */
    public Answer send(TenantId signingTenant, SdkHttpMethod method, String path, Map<String, String> query,
            byte[] json, Duration within) {
        SdkHttpFullRequest.Builder request = request(method, path);
        query.forEach(request::putRawQueryParameter);
        if (json != null) {
            request.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(json.length))
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(json));
        }
        return execute(signer.sign(signingTenant, request.build(), signingName), within);
    }

    /**
     * Sends one request without a body, signed with {@code identity}: the service's own, allowed only requests that
     * read no tenant's data (a readiness probe's {@code HEAD /}); the exchange may take one read timeout.
     *
     * @throws UncheckedIOException when the endpoint cannot be reached or does not answer in time
     */
    public Answer probe(AwsCredentialsIdentity identity, SdkHttpMethod method, String path) {
        return execute(signer.sign(identity, request(method, path).build(), signingName), readTimeout);
    }

    private SdkHttpFullRequest.Builder request(SdkHttpMethod method, String path) {
        return SdkHttpFullRequest.builder().uri(endpoint).encodedPath(path).method(method);
    }

    private Answer execute(SdkHttpFullRequest signed, Duration within) {
        ExecutableHttpRequest exchange = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed)
                .contentStreamProvider(signed.contentStreamProvider().orElse(null))
                .build());
        // Aborting closes the connection: a blocked connect or read fails with an IOException at once.
        ScheduledFuture<?> abort = aborts.schedule(exchange::abort, within.toNanos(), TimeUnit.NANOSECONDS);
        try {
            HttpExecuteResponse response = exchange.call();
            return new Answer(response.httpResponse().statusCode(), readAll(response));
        } catch (IOException e) {
            if (abort.isDone() && !abort.isCancelled()) {
                throw new ExchangeTimeoutException(within, e);
            }
            throw new UncheckedIOException(e);
        } finally {
            abort.cancel(false);
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
        aborts.shutdownNow();
        http.close();
    }
}
