package dev.shiptrack.localrun.seed;

import dev.shiptrack.localaws.LocalAwsEdge;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.repository.ShipmentDatabase;
import dev.shiptrack.localrun.repository.TrackingStores;

import java.net.URI;

/**
 * What {@code ./local-run} does after the servers are up, for a system started otherwise: docker-compose.yml's
 * {@code seed} container runs it. Creates the tracking table and bucket, registers the demo tenants and loads the
 * demo data. Configured by environment variables: {@code KEYCLOAK_URL}, {@code SHIPMENT_SERVICE_URL},
 * {@code TRACKING_SERVICE_URL}, {@code AWS_EDGE_URL}, and PostgreSQL's superuser as for psql ({@code PGHOST},
 * {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}).
 */
public final class SeedDemoData {

    private SeedDemoData() {
    }

    public static void main(String[] args) throws Exception {
        new TrackingStores(URI.create(required("AWS_EDGE_URL")), LocalAwsEdge.ADMIN_ACCESS_KEY,
                LocalAwsEdge.ADMIN_SECRET_KEY).createIfMissing();
        new ShipmentDatabase(required("PGHOST"), Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432")),
                System.getenv().getOrDefault("PGUSER", "postgres"), required("PGPASSWORD")).registerDemoTenants();
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
