package dev.shiptrack.localrun.seed;

import dev.shiptrack.localaws.LocalAwsEdge;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.backends.TrackingStores;

import java.net.URI;

/**
 * What {@code ./local-run} does after the servers are up, for a system started otherwise: docker-compose.yml's
 * {@code seed} container runs it. Creates the tracking table and bucket, onboards the demo tenants through
 * tenant-service and loads the demo data. Configured by environment variables: {@code KEYCLOAK_URL}, {@code SHIPMENT_SERVICE_URL},
 * {@code TRACKING_SERVICE_URL}, {@code TENANT_SERVICE_URL} and {@code AWS_EDGE_URL}.
 */
public final class SeedDemoData {

    private SeedDemoData() {
    }

    public static void main(String[] args) throws Exception {
        new TrackingStores(URI.create(required("AWS_EDGE_URL")), LocalAwsEdge.ADMIN_ACCESS_KEY,
                LocalAwsEdge.ADMIN_SECRET_KEY).createIfMissing();
        new DemoTenants(URI.create(required("TENANT_SERVICE_URL")), URI.create(required("KEYCLOAK_URL"))).onboard();
        ShiptrackUrls urls = new ShiptrackUrls(URI.create(required("KEYCLOAK_URL")),
                URI.create(required("SHIPMENT_SERVICE_URL")), URI.create(required("TRACKING_SERVICE_URL")));
        int shipments = new DemoData(urls).load();
        System.out.println(shipments == 0 ? "Demo data already present; nothing loaded"
                : "Loaded " + shipments + " demo shipments with their tracking events and documents");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("SeedDemoData: set " + name + " (see the javadoc of " + SeedDemoData.class.getName() + ")");
            System.exit(2);
        }
        return value;
    }
}
