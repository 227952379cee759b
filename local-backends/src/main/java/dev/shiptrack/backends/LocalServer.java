package dev.shiptrack.backends;

import java.net.URI;

/** A real backend server running on 127.0.0.1, started by one of this package's launchers. */
public interface LocalServer extends AutoCloseable {

    /** The base address clients connect to, for example {@code http://127.0.0.1:8000}. */
    URI endpoint();

    /**
     * The server's main process: the one whose death means the server is gone (the launcher restarts it then; tests
     * pause it to play a hung backend and check that nothing outlives {@link #close()}).
     */
    ProcessHandle process();

    /** Stops the server and every process it started; calling it again does nothing. */
    @Override
    void close();
}
