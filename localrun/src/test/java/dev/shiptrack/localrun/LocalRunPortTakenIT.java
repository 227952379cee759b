package dev.shiptrack.localrun;

import dev.shiptrack.localrun.config.PortPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./local-run} with a port another program holds: it names the port and exits before starting anything.
 * A failsafe test, like {@link LocalRunIT}: the script needs the packaged launcher.
 */
class LocalRunPortTakenIT {

    private static final Path ROOT = Path.of(System.getProperty("local-run.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    @Test
    void shouldNameTheTakenPortAndExitWithoutStartingAnything() throws IOException, InterruptedException {
        PortPlan free = PortPlan.free();
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String ports = free.shipmentService() + "," + free.trackingService() + "," + free.tenantService() + ","
                    + squatter.getLocalPort() + "," + free.awsEdge() + "," + free.webConsole();
            Process localRun = new ProcessBuilder(ROOT.resolve("local-run").toString(), "--ports", ports,
                    "--data-dir", dataDir.toString())
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(localRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(localRun.waitFor(2, TimeUnit.MINUTES)).as("./local-run ended; it said: %s", output).isTrue();
            assertThat(localRun.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("Port " + squatter.getLocalPort() + " (Keycloak) is already in use");
            assertThat(output).doesNotContain("starting Keycloak");
            try (var written = Files.list(dataDir)) {
                assertThat(written).as("nothing was started, so nothing wrote data").isEmpty();
            }
        }
    }
}
