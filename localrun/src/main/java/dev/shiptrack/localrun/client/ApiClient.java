package dev.shiptrack.localrun.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls the services' REST APIs as a user would, with a bearer token from Keycloak. */
public final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, content type and body as text. */
    public record Answer(int status, String contentType, String body) {

        /** The body as JSON; fails with the whole answer in the message when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not a JSON answer: " + this, e);
            }
        }

        /** Returns this answer when its status is the expected one, else fails with the whole answer. */
        public Answer expect(int expectedStatus, String what) {
            if (status != expectedStatus) {
                throw new IllegalStateException(what + ": expected HTTP " + expectedStatus + " but got " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType + " " + body;
        }
    }

    public Answer get(URI uri, String token) throws IOException, InterruptedException {
        return send(request(uri, token).GET().build());
    }

    /**
     * A GET with extra headers, e.g. {@code Host: yellow.shiptrack.localhost:8081} to reach a tenant hostname on
     * 127.0.0.1 (Java does not resolve {@code *.localhost}; sending Host needs
     * {@code -Djdk.httpclient.allowRestrictedHeaders=host}).
     */
    public Answer get(URI uri, String token, Map<String, String> headers) throws IOException, InterruptedException {
        // HTTP/1.1: in HTTP/2 the host travels as :authority, and a Host header beside it is a protocol error.
        HttpRequest.Builder builder = request(uri, token).version(HttpClient.Version.HTTP_1_1).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Answer postJson(URI uri, String token, Object body) throws IOException, InterruptedException {
        return send(request(uri, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** A POST that a retry with the same {@code idempotencyKey} cannot perform twice. */
    public Answer postJson(URI uri, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        return send(request(uri, token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    public Answer put(URI uri, String token, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(uri, token)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    public Answer post(URI uri, String token, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(uri, token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    public Answer delete(URI uri, String token) throws IOException, InterruptedException {
        return send(request(uri, token).DELETE().build());
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}
