package dev.shiptrack.backends;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/** Checks that a server is not reachable on this machine's other IPv4 addresses. */
final class NonLoopback {

    private NonLoopback() {
    }

    /** Whether {@code port} accepts a connection on a non-loopback IPv4 address (false when there is none). */
    static boolean canConnect(int port) {
        Optional<InetAddress> address = firstAddress();
        if (address.isEmpty()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.get(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Optional<InetAddress> firstAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(NonLoopback::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
