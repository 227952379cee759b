package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1: a free one for tests, and a fast, clear failure when a fixed one is taken.
 *
 * <p>A free port is chosen below the kernel's ephemeral range. A server is started seconds after its port was
 * chosen, and a port of the ephemeral range can meanwhile become the local end of any process's outgoing
 * connection, after which the server cannot bind it; ports below the range are only ever taken by listeners.
 */
public final class FreePorts {

    static final String HOST = "127.0.0.1";
    /** Where the kernel's ephemeral range is configured (Linux); elsewhere IANA's range, 49152 to 65535, is assumed. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int IANA_EPHEMERAL_FIRST = 49152;
    /** The lowest port handed out: below it are registered services' ports, more often in use. */
    private static final int LOWEST = 10000;
    private static final PortRange BELOW_EPHEMERAL = new PortRange(LOWEST, firstEphemeralPort() - 1);
    /** Ports this process handed out already: the server they were chosen for may not be listening yet. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** Ports from {@code first} to {@code last}, both included. */
    record PortRange(int first, int last) {
    }

    private FreePorts() {
    }

    /** A port on 127.0.0.1 that nothing listens on right now and that no outgoing connection can take meanwhile. */
    public static int next() {
        if (BELOW_EPHEMERAL.last() - BELOW_EPHEMERAL.first() < 1000) {
            // An ephemeral range that starts this low leaves no room below it: the operating system's choice.
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("No free port on " + HOST, e);
            }
        }
        return next(BELOW_EPHEMERAL);
    }

    /** A port of {@code range} that nothing listens on and that this process has not handed out before. */
    static int next(PortRange range) {
        int size = range.last() - range.first() + 1;
        // A random start, so that processes choosing at the same time rarely probe the same ports.
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = range.first() + (start + i) % size;
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on " + HOST + " from " + range.first() + " to " + range.last());
    }

    /** The first port of the kernel's ephemeral range. */
    private static int firstEphemeralPort() {
        try {
            // Read as lines: Files.readString trusts the size /proc reports and can return a part of the file.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return IANA_EPHEMERAL_FIRST;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers do: connections of a stopped run lingering in TIME_WAIT do not keep them from binding.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port to start {@code server} on: {@code port}, or a free one when it is 0; fails when it is taken. */
    static int choose(int port, String server) {
        if (port == 0) {
            return next();
        }
        if (!bindable(port)) {
            throw new IllegalStateException(
                    "Cannot start " + server + ": port " + port + " on " + HOST + " is already in use");
        }
        return port;
    }
}
