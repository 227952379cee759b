package dev.shiptrack.localrun;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.KeycloakServer;
import dev.shiptrack.backends.LocalServer;
import dev.shiptrack.backends.OpenSearchServer;
import dev.shiptrack.backends.PostgresServer;
import dev.shiptrack.backends.S3ProxyServer;
import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.localrun.client.KeycloakTokens;
import dev.shiptrack.localrun.config.LocalRunOptions;
import dev.shiptrack.localrun.config.PortPlan;
import dev.shiptrack.localrun.process.ServiceJvm;
import dev.shiptrack.localrun.seed.DemoData;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Starts the whole system on 127.0.0.1, prints one ready line, and stops everything it started on Ctrl-C or
 * SIGTERM. Started by the root script {@code ./local-run}.
 */
public final class LocalRun {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final LocalRunOptions options;
    private final PortPlan ports;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LocalRun(Path root, LocalRunOptions options, PortPlan ports) {
        this.root = root;
        this.options = options;
        this.ports = ports;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("local-run.root", ".")).toAbsolutePath().normalize();
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(List.of(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println("local-run: " + e.getMessage() + "\n" + LocalRunOptions.USAGE);
            System.exit(2);
            return;
        }
        PortPlan ports = options.freePorts() ? PortPlan.free() : PortPlan.documented();
        try {
            ports.requireAllFree();
        } catch (PortPlan.PortTakenException e) {
            System.err.println("local-run: " + e.getMessage());
            System.exit(1);
        }
        LocalRun run = new LocalRun(root, options, ports);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "local-run-stop"));
        try {
            run.start();
        } catch (Exception e) {
            System.err.println("local-run: could not start: " + e.getMessage());
            System.exit(1);
        }
        run.awaitStop();
    }

    private void start() throws Exception {
        long begin = System.nanoTime();
        Path data = options.dataDir();
        if (options.fresh()) {
            deleteRecursively(data);
        }
        boolean seeded = Files.exists(data.resolve("seeded"));
        Files.createDirectories(data.resolve("logs"));

        // Keycloak is the slowest to start: it starts in the background while the data stores come up.
        CompletableFuture<LocalServer> keycloak = CompletableFuture.supplyAsync(() -> startKeycloak(data));

        // TODO wire the backends, the edge and the services once local-backends and local-aws land.
        throw new UnsupportedOperationException("not wired yet");
    }

    private LocalServer startKeycloak(Path data) {
        try {
            return KeycloakServer.start(data.resolve("keycloak"), ports.keycloak(), root.resolve("config/keycloak"));
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        synchronized (started) {
            started.push(resource);
        }
        return resource;
    }

    /** Stops everything in reverse start order; safe to call twice (the shutdown hook and a failed start). */
    private void stop() {
        while (true) {
            AutoCloseable next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("local-run: stopping " + next + " failed: " + e.getMessage());
            }
        }
        stopped.countDown();
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
