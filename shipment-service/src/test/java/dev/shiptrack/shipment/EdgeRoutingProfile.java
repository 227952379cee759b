package dev.shiptrack.shipment;

import java.util.List;
import java.util.Map;

import dev.shiptrack.shipment.support.RoutesRegistryResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * shipment-service as deployed behind the edge: host routing, every request signed by the edge (two secrets
 * accepted, as during a rotation), and per-tier rate limits from the routes registry.
 */
public class EdgeRoutingProfile implements QuarkusTestProfile {

    static final String CURRENT_SECRET = "edge-secret-current-0123456789abcdef01234";
    static final String PREVIOUS_SECRET = "edge-secret-previous-9876543210fedcba9876";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tenant-routing.mode", "host",
                "tenant-routing.edge.mode", "required",
                "tenant-routing.edge.secrets", CURRENT_SECRET + "," + PREVIOUS_SECRET,
                "tenant-routing.limits.enabled", "true",
                "tenant-routing.registry.refresh-interval", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RoutesRegistryResource.class));
    }
}
