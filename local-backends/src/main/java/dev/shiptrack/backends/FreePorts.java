package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one for tests, and a fast, clear failure when a fixed one is taken. */
public final class FreePorts {

    static final String HOST = "127.0.0.1";

    private FreePorts() {
    }

    /** A port on 127.0.0.1 that nothing listens on right now, chosen by the operating system. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    /** The port to start {@code server} on: {@code port}, or a free one when it is 0; fails when it is taken. */
    static int choose(int port, String server) {
        if (port == 0) {
            return next();
        }
        try (ServerSocket socket = new ServerSocket()) {
            // A listener still makes the bind fail; connections of a stopped run lingering in TIME_WAIT do not.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 1);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start " + server + ": port " + port + " on " + HOST + " is already in use", e);
        }
    }
}
