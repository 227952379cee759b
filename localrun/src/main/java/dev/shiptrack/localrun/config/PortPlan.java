package dev.shiptrack.localrun.config;

import dev.shiptrack.backends.FreePorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ports a newcomer talks to. The backends behind the edge (DynamoDB Local, s3proxy, OpenSearch, PostgreSQL)
 * always get free ports: nobody calls them directly.
 *
 * @param shipmentService shipment-service HTTP port (8080)
 * @param trackingService tracking-service HTTP port (8081)
 * @param tenantService   tenant-service HTTP port (8082), the control plane
 * @param keycloak        Keycloak HTTP port (8180)
 * @param awsEdge         local AWS edge port: STS, DynamoDB, S3 and OpenSearch (4566)
 * @param webConsole      the web console's HTTP port (8083)
 */
public record PortPlan(int shipmentService, int trackingService, int tenantService, int keycloak, int awsEdge,
                       int webConsole) {

    /** The ports of docs/architecture.md. */
    public static PortPlan documented() {
        return new PortPlan(8080, 8081, 8082, 8180, 4566, 8083);
    }

    /** Six different ports free at the time of the call. */
    public static PortPlan free() {
        // The system may hand out a port again as soon as the probe that found it is closed: draw until six differ.
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < 6) {
            ports.add(FreePorts.next());
        }
        Iterator<Integer> next = ports.iterator();
        return new PortPlan(next.next(), next.next(), next.next(), next.next(), next.next(), next.next());
    }

    /** Each port with the name of what will listen on it, in start order. */
    public Map<String, Integer> byName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Keycloak", keycloak);
        ports.put("local AWS edge", awsEdge);
        ports.put("tracking-service", trackingService);
        ports.put("shipment-service", shipmentService);
        ports.put("tenant-service", tenantService);
        ports.put("web console", webConsole);
        return ports;
    }

    /** Throws {@link PortTakenException} naming the first port something else already listens on. */
    public void requireAllFree() {
        byName().forEach((name, port) -> {
            if (!bindable(port)) {
                throw new PortTakenException(name, port);
            }
        });
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port of the plan is already taken by another program. */
    public static final class PortTakenException extends RuntimeException {
        public PortTakenException(String name, int port) {
            super("Port " + port + " (" + name + ") is already in use on 127.0.0.1: stop what listens there"
                    + " (for example `ss -ltnp 'sport = :" + port + "'` shows it) or run ./local-run --free-ports");
        }
    }
}
