package dev.shiptrack.localrun.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortPlanTest {

    @Test
    void shouldNameThePortThatIsTakenAndWhatNeedsIt() throws IOException {
        PortPlan free = PortPlan.free();
        try (ServerSocket squatter = new ServerSocket(free.keycloak(), 1, InetAddress.getLoopbackAddress())) {
            PortPlan plan = new PortPlan(free.shipmentService(), free.trackingService(), free.tenantService(),
                    squatter.getLocalPort(), free.awsEdge(), free.webConsole());

            assertThatThrownBy(plan::requireAllFree)
                    .isInstanceOf(PortPlan.PortTakenException.class)
                    .hasMessageContaining("Port " + squatter.getLocalPort() + " (Keycloak)")
                    .hasMessageContaining("--free-ports");
        }
    }

    @Test
    void shouldAcceptSixDistinctFreePorts() {
        PortPlan plan = PortPlan.free();

        assertThat(plan.byName().values()).doesNotHaveDuplicates().hasSize(6);
        assertThatCode(plan::requireAllFree).doesNotThrowAnyException();
    }
}
