package dev.shiptrack.backends;

import java.net.URI;

/** A real backend server running on 127.0.0.1, started by one of this package's launchers. */
public interface LocalServer extends AutoCloseable {

    /** The base address clients connect to, for example {@code http://127.0.0.1:8000}. */
    URI endpoint();

    /** Stops the server and every process it started; calling it again does nothing. */
    @Override
    void close();
}
