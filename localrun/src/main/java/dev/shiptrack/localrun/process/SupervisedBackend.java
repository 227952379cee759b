package dev.shiptrack.localrun.process;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

import dev.shiptrack.backends.LocalServer;

/**
 * A backend that {@code ./local-run} restarts, on the same port and with the same data, when its process dies
 * without being asked to (a crash, an OOM kill, {@code kill -9}), as a container runtime's restart policy would. The
 * edge and the services keep its address, so they reconnect by themselves once it answers again.
 *
 * @param <S> the server type
 */
public final class SupervisedBackend<S extends LocalServer> implements LocalServer {

    /** Starts the server on a port (0 for a free one), with the data it had. */
    @FunctionalInterface
    public interface Starter<S> {
        S start(int port);
    }

    private static final int RESTART_ATTEMPTS = 5;
    private static final Duration BETWEEN_ATTEMPTS = Duration.ofSeconds(2);

    private final String name;
    private final Starter<S> starter;
    private final Consumer<String> say;
    private final int port;
    private final URI endpoint;
    private volatile S current;
    private volatile boolean closing;
    private int restarts;

    private SupervisedBackend(String name, Starter<S> starter, Consumer<String> say, S first) {
        this.name = name;
        this.starter = starter;
        this.say = say;
        this.current = first;
        this.endpoint = first.endpoint();
        this.port = endpoint.getPort();
    }

    /** Starts the server on {@code port} (0 for a free one) and watches it from then on. */
    public static <S extends LocalServer> SupervisedBackend<S> start(String name, int port, Starter<S> starter,
                                                                      Consumer<String> say) {
        SupervisedBackend<S> backend = new SupervisedBackend<>(name, starter, say, starter.start(port));
        backend.watch();
        return backend;
    }

    /** The server as it runs now (a new object after each restart, with the same address). */
    public S current() {
        return current;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public ProcessHandle process() {
        return current.process();
    }

    private void watch() {
        S watched = current;
        watched.process().onExit().thenRun(() -> {
            if (!stopping()) {
                restart(watched);
            }
        });
    }

    /**
     * Whether the backend is meant to be down: closed, or the JVM is exiting (then the servers' own shutdown hooks
     * stop them, possibly before {@link #close()} runs, and a restart would outlive the launcher).
     */
    private boolean stopping() {
        if (closing) {
            return true;
        }
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    private synchronized void restart(S dead) {
        if (stopping()) {
            return;
        }
        long begin = System.nanoTime();
        say.accept(name + " stopped unexpectedly; restarting it on port " + port);
        closeQuietly(dead);
        for (int attempt = 1; attempt <= RESTART_ATTEMPTS && !stopping(); attempt++) {
            try {
                S restarted = starter.start(port);
                if (stopping()) {
                    closeQuietly(restarted);
                    return;
                }
                current = restarted;
                restarts++;
                say.accept(String.format("%s restarted in %.1f s (restart %d)", name,
                        (System.nanoTime() - begin) / 1e9, restarts));
                watch();
                return;
            } catch (RuntimeException e) {
                // A killed server's children or its port may take a moment to go away.
                say.accept(name + " did not restart (attempt " + attempt + " of " + RESTART_ATTEMPTS + "): "
                        + e.getMessage().lines().findFirst().orElse(""));
                try {
                    Thread.sleep(BETWEEN_ATTEMPTS.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!stopping()) {
            say.accept(name + " could not be restarted; stop ./local-run and start it again");
        }
    }

    /** What is left of the dead server (its other processes, a PostgreSQL lock file's owner) is stopped. */
    private void closeQuietly(S dead) {
        try {
            dead.close();
        } catch (RuntimeException e) {
            say.accept("cleaning up after " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            current.close();
        }
    }
}
