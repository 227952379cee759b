package dev.shiptrack.localaws;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Sends over plain HTTP what the OpenSearch SDK transport addresses to {@code https://} (it always does): the scheme
 * is not part of the SigV4 signature, so the request stays validly signed for the loopback edge.
 */
final class PlainHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return delegate.prepareRequest(HttpExecuteRequest.builder()
                .request(request.httpRequest().toBuilder().protocol("http").build())
                .contentStreamProvider(request.contentStreamProvider().orElse(null)).build());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
