package dev.shiptrack.backends;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Servers started side by side (a test resource's backends), stopped together in reverse order: a failed start
 * still stops the ones that did start.
 */
public final class StartedServers implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Waits for every server, keeping the ones that started; throws the last failure once all have ended. */
    @SafeVarargs
    public final void awaitAll(CompletableFuture<? extends LocalServer>... servers) {
        RuntimeException failure = null;
        for (CompletableFuture<? extends LocalServer> server : servers) {
            try {
                started.add(server.join());
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Adds a server started by other means (the local AWS edge), to be stopped with the rest. */
    public <T extends AutoCloseable> T add(T server) {
        started.add(server);
        return server;
    }

    /** Stops every server, the last started first; a failure to stop one is reported and the others still stop. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop " + started.get(i) + ": " + e);
            }
        }
        started.clear();
    }
}
