package dev.shiptrack.localrun.process;

import dev.shiptrack.backends.LocalServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS edge ({@link EdgeMain}) as a child process of ./local-run, on the launcher's own class path: a backend
 * like the others, which the fault suite can hang and kill and the launcher restarts. Its sessions file keeps every
 * session its STS issued across such a restart, as STS never forgets one.
 */
public final class EdgeProcess implements LocalServer {

    static final String PORT = "EDGE_PORT";
    static final String DYNAMODB = "EDGE_DYNAMODB_ENDPOINT";
    static final String S3 = "EDGE_S3_ENDPOINT";
    static final String S3_ACCESS_KEY = "EDGE_S3_ACCESS_KEY";
    static final String S3_SECRET_KEY = "EDGE_S3_SECRET_KEY";
    static final String OPENSEARCH = "EDGE_OPENSEARCH_ENDPOINT";
    static final String AUDIT_FILE = "EDGE_AUDIT_FILE";
    static final String SESSIONS_FILE = "EDGE_SESSIONS_FILE";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

    private final Process process;
    private final URI endpoint;

    private EdgeProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts the edge on {@code port} in front of the backends and waits until it answers.
     *
     * @param s3AccessKey the one key s3proxy accepts, with which the edge re-signs what it allowed
     */
    public static EdgeProcess start(int port, URI dynamoDb, URI s3, String s3AccessKey, String s3SecretKey,
            URI openSearch, Path auditFile, Path sessionsFile) {
        // The settings go by environment: nothing secret on a command line others can read.
        ProcessBuilder command = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), EdgeMain.class.getName()))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        command.environment().putAll(Map.of(PORT, Integer.toString(port), DYNAMODB, dynamoDb.toString(),
                S3, s3.toString(), S3_ACCESS_KEY, s3AccessKey, S3_SECRET_KEY, s3SecretKey,
                OPENSEARCH, openSearch.toString(), AUDIT_FILE, auditFile.toString(),
                SESSIONS_FILE, sessionsFile.toString()));
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the AWS edge", e);
        }
        EdgeProcess edge = new EdgeProcess(process, URI.create("http://127.0.0.1:" + port));
        try {
            edge.awaitAnswer();
        } catch (RuntimeException e) {
            edge.close();
            throw e;
        }
        return edge;
    }

    /** Any HTTP answer will do: an unsigned request is refused, by an edge that listens. */
    private void awaitAnswer() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The AWS edge exited with code " + process.exitValue()
                        + " before it answered (its output is above)");
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The AWS edge did not answer within " + START_TIMEOUT.toSeconds()
                            + " s on " + endpoint);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the AWS edge", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the AWS edge", e);
            }
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
