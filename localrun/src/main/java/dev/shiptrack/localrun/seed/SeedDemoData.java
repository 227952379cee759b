package dev.shiptrack.localrun.seed;

import dev.shiptrack.localrun.client.ShiptrackUrls;

import java.net.URI;

/**
 * Loads the demo data into a running system; docker-compose.yml's {@code seed} container runs it.
 * Arguments: Keycloak, shipment-service and tracking-service base URLs.
 */
public final class SeedDemoData {

    private SeedDemoData() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: SeedDemoData <keycloak-url> <shipment-service-url> <tracking-service-url>");
            System.exit(2);
        }
        ShiptrackUrls urls = new ShiptrackUrls(URI.create(args[0]), URI.create(args[1]), URI.create(args[2]));
        int shipments = new DemoData(urls).load();
        System.out.println(shipments == 0 ? "Demo data already present; nothing loaded"
                : "Loaded " + shipments + " demo shipments with their tracking events and documents");
    }
}
