package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class FreePortsTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldChooseAPortNoOutgoingConnectionCanTake() throws Exception {
        int firstEphemeral = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);

        int port = FreePorts.next();

        assertThat(port).isLessThan(firstEphemeral);
        // What the kernel gives an outgoing connection is in the ephemeral range, so never this port.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(FreePorts.HOST));
             Socket outgoing = new Socket(FreePorts.HOST, listener.getLocalPort())) {
            assertThat(outgoing.getLocalPort()).isGreaterThanOrEqualTo(firstEphemeral);
        }
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(FreePorts.HOST, port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldSkipAPortSomethingListensOn() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(FreePorts.HOST))) {
            int taken = listener.getLocalPort();

            assertThatThrownBy(() -> FreePorts.next(new FreePorts.PortRange(taken, taken)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("No free port");
        }
    }

    @Test
    void shouldNotHandOutAPortTwiceBeforeItsServerListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(FreePorts.HOST))) {
            port = probe.getLocalPort();
        }
        FreePorts.PortRange onePort = new FreePorts.PortRange(port, port);

        assertThat(FreePorts.next(onePort)).isEqualTo(port);
        assertThatThrownBy(() -> FreePorts.next(onePort)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseAFixedPortThatIsTaken() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(FreePorts.HOST))) {
            assertThatThrownBy(() -> FreePorts.choose(listener.getLocalPort(), "OpenSearch"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot start OpenSearch: port " + listener.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }
}
