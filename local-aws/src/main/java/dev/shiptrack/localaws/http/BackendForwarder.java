package dev.shiptrack.localaws.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.Set;

/** Sends a request to a backend and copies its answer back to the caller. */
public final class BackendForwarder implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-connection", "te", "trailer");

    private final HttpClient client;
    private final URI endpoint;

    public BackendForwarder(Vertx vertx, URI endpoint) {
        this.endpoint = endpoint;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setDefaultHost(endpoint.getHost()).setDefaultPort(endpoint.getPort()),
                new PoolOptions().setHttp1MaxSize(32));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** {@code host:port} of the backend, as a Host header. */
    public String hostHeader() {
        return endpoint.getHost() + ':' + endpoint.getPort();
    }

    /**
     * Forwards and answers; if the backend cannot be reached, answers with the service's unavailable error.
     *
     * @param uri path and query, already encoded
     */
    public void forward(HttpMethod method, String uri, MultiMap headers, Buffer body, HttpServerResponse response,
                        WireFormat wireFormat) {
        client.request(new RequestOptions().setMethod(method).setURI(uri).setHeaders(headers))
                .compose(request -> request.send(body))
                .compose(backendResponse -> backendResponse.body()
                        .onSuccess(answer -> copy(backendResponse, answer, response)))
                .onFailure(failure -> {
                    if (!response.headWritten()) {
                        wireFormat.refuse(response, Refusal.BACKEND_UNAVAILABLE,
                                "The backend at " + endpoint + " did not answer: " + failure.getMessage());
                    }
                });
    }

    /** Sends a request whose answer the edge reads itself (e.g. DescribeTable for key schemas). */
    public io.vertx.core.Future<HttpClientResponse> send(HttpMethod method, String uri, MultiMap headers,
                                                         Buffer body) {
        return client.request(new RequestOptions().setMethod(method).setURI(uri).setHeaders(headers))
                .compose(request -> request.send(body));
    }

    private static void copy(HttpClientResponse backendResponse, Buffer answer, HttpServerResponse response) {
        response.setStatusCode(backendResponse.statusCode());
        response.setStatusMessage(backendResponse.statusMessage());
        backendResponse.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        String contentLength = backendResponse.getHeader("Content-Length");
        if (contentLength != null && answer.length() == 0) {
            // HEAD: the length of the entity that a GET would return
            response.putHeader("Content-Length", contentLength);
            response.end();
        } else {
            response.end(answer);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
