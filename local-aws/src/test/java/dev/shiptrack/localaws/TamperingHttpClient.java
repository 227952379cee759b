package dev.shiptrack.localaws;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.IoUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An HTTP client that rewrites the body after the SDK signed it: a man in the middle changing one value. */
final class TamperingHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final String from;
    private final String to;

    TamperingHttpClient(String from, String to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        byte[] body = request.contentStreamProvider().map(provider -> {
            try {
                return IoUtils.toByteArray(provider.newStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new byte[0]);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
        return delegate.prepareRequest(HttpExecuteRequest.builder()
                .request(request.httpRequest().toBuilder()
                        .putHeader("Content-Length", Integer.toString(tampered.length)).build())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(tampered)).build());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
