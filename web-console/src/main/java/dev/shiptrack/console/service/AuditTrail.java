package dev.shiptrack.console.service;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Follows the edge's audit trail (a JSON line per authorization decision) and sends the decisions about tenant
 * sessions (those tagged with a {@code TenantID}) to every open page as server-sent events. Only named fields go
 * out: who, tenant, action, resource, decision and the deciding policy and statement; never a key or a token.
 */
public final class AuditTrail implements AutoCloseable {

    /** A page that connects first gets the last decisions, so that a click just before it is not lost. */
    private static final int REPLAYED = 10;
    private static final long POLL_MILLIS = 200;

    private final Vertx vertx;
    private final Path file;
    private final List<HttpServerResponse> pages = new CopyOnWriteArrayList<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final long timer;
    private long position;
    private String partialLine = "";

    public AuditTrail(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
        this.position = size(file);
        this.timer = vertx.setPeriodic(POLL_MILLIS, id -> vertx.executeBlocking(this::newLines, false)
                .onSuccess(lines -> lines.forEach(this::publish)));
    }

    /** Answers with an event stream: the recent decisions, then each new one as it is written. */
    public void follow(HttpServerResponse response) {
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-store")
                .write(": following the edge's audit trail\n\n");
        synchronized (recent) {
            recent.forEach(event -> response.write(event));
            pages.add(response);
        }
        response.closeHandler(closed -> pages.remove(response));
    }

    private void publish(String line) {
        JsonObject decision;
        try {
            decision = new JsonObject(line);
        } catch (DecodeException notJson) {
            return;
        }
        JsonObject tags = decision.getJsonObject("tags", new JsonObject());
        if (!tags.containsKey("TenantID")) {
            return;
        }
        String event = "event: decision\ndata: " + new JsonObject()
                .put("time", decision.getString("time"))
                .put("principal", decision.getString("principal"))
                .put("tenant", tags.getString("TenantID"))
                .put("action", decision.getString("action"))
                .put("resource", decision.getString("resource"))
                .put("decision", decision.getString("decision"))
                .put("decidingPolicy", decision.getString("decidingPolicy"))
                .put("decidingStatement", decision.getString("decidingStatement"))
                .encode() + "\n\n";
        synchronized (recent) {
            recent.addLast(event);
            if (recent.size() > REPLAYED) {
                recent.removeFirst();
            }
            pages.forEach(page -> page.write(event));
        }
    }

    /** The complete lines written since the last call (the file only grows; a shorter file starts over). */
    private synchronized List<String> newLines() {
        long size = size(file);
        if (size < position) {
            position = 0;
            partialLine = "";
        }
        if (size == position) {
            return List.of();
        }
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            bytes = new byte[(int) Math.min(size - position, 1 << 20)];
            in.readFully(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position += bytes.length;
        String text = partialLine + new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        partialLine = text.substring(end + 1);
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(0, Math.max(end, 0)).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        pages.forEach(HttpServerResponse::end);
    }
}
