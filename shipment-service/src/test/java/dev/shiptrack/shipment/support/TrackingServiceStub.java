package dev.shiptrack.shipment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for tracking-service on a free port of 127.0.0.1. It records every request (method, path,
 * Authorization, traceparent, Idempotency-Key and the edge's tenant headers, body) and can be switched to failing (500), unavailable
 * (503, tracking-service's answer when its own backend hangs), refusing (422), slow (beyond
 * the client timeout), slow-once (the next request only: an answer lost after the work was done) or down (listener
 * closed). Tests drive it through a separate control port ({@link TrackingStub}, its URL a
 * system property), which keeps working while the service port is down, whatever class loader the test runs in.
 */
public class TrackingServiceStub implements QuarkusTestResourceLifecycleManager {

    static final String CONTROL_URL_PROPERTY = "test.tracking-stub.control-url";
    private static final Pattern EVENTS = Pattern.compile("/tracking/([^/]+)/events");
    private static final Pattern ETA = Pattern.compile("/tracking/([^/]+)/eta");

    private final ObjectMapper json = new ObjectMapper();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private volatile String mode = "up";
    private InetSocketAddress serviceAddress;
    private HttpServer service;
    private HttpServer control;

    @Override
    public Map<String, String> start() {
        try {
            service = startService(new InetSocketAddress("127.0.0.1", 0));
            serviceAddress = service.getAddress();
            control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        control.createContext("/mode", this::switchMode);
        control.createContext("/requests", this::requests);
        control.start();
        System.setProperty(CONTROL_URL_PROPERTY, "http://127.0.0.1:" + control.getAddress().getPort());
        return Map.of("quarkus.rest-client.tracking-service.url", "http://127.0.0.1:" + serviceAddress.getPort());
    }

    private HttpServer startService(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/tracking/", this::track);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private void track(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(Map.of(
                "method", exchange.getRequestMethod(),
                "path", path,
                "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                "traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")),
                "idempotencyKey", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                "edgeHeaders", String.join("|", String.valueOf(exchange.getRequestHeaders().get("X-Tenant-Id")),
                        String.valueOf(exchange.getRequestHeaders().get("X-Tenant-Host")),
                        String.valueOf(exchange.getRequestHeaders().get("X-Edge-Signature"))),
                "body", body));
        if (mode.equals("failing")) {
            respond(exchange, 500, "{\"title\":\"stub failure\"}");
            return;
        }
        if (mode.equals("unavailable")) {
            respond(exchange, 503, "{\"title\":\"Backend unavailable\",\"status\":503}");
            return;
        }
        if (mode.equals("refusing")) {
            respond(exchange, 422, "{\"title\":\"Unprocessable\",\"status\":422}");
            return;
        }
        if (mode.equals("slow")) {
            sleep(5_000);
        }
        if (mode.equals("slow-once")) {
            mode = "up";
            sleep(5_000);
        }
        Matcher events = EVENTS.matcher(path);
        Matcher eta = ETA.matcher(path);
        if (exchange.getRequestMethod().equals("POST") && events.matches()) {
            respond(exchange, 201, body);
        } else if (exchange.getRequestMethod().equals("GET") && eta.matches()) {
            respond(exchange, 200, """
                    {"status":"IN_TRANSIT","lastEvent":{"status":"IN_TRANSIT","location":"Hub %s",
                     "time":"2026-11-24T10:00:00Z","note":"stub"},"estimatedDelivery":"2026-11-26"}"""
                    .formatted(eta.group(1)));
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private void switchMode(HttpExchange exchange) throws IOException {
        String requested = exchange.getRequestURI().getPath().substring("/mode/".length());
        synchronized (this) {
            if (requested.equals("down") && service != null) {
                service.stop(0);
                service = null;
            } else if (!requested.equals("down") && service == null) {
                service = startService(serviceAddress);
            }
            mode = requested;
        }
        respond(exchange, 204, null);
    }

    private void requests(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("DELETE")) {
            received.clear();
            respond(exchange, 204, null);
        } else {
            respond(exchange, 200, json.writeValueAsString(received));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (service != null) {
            service.stop(0);
        }
        if (control != null) {
            control.stop(0);
        }
    }
}
