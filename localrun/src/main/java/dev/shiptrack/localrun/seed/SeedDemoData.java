package dev.shiptrack.localrun.seed;

import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.repository.ShipmentDatabase;

import java.net.URI;

/**
 * Loads the demo tenants and data into a running system; docker-compose.yml's {@code seed} container runs it.
 * Arguments: Keycloak, shipment-service and tracking-service base URLs, and PostgreSQL's {@code host:port}; the
 * PostgreSQL superuser comes from {@code PGUSER} and {@code PGPASSWORD}, as for psql.
 */
public final class SeedDemoData {

    private SeedDemoData() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("Usage: SeedDemoData <keycloak-url> <shipment-service-url> <tracking-service-url>"
                    + " <postgres-host:port>   (superuser in PGUSER and PGPASSWORD)");
            System.exit(2);
        }
        String[] postgres = args[3].split(":");
        new ShipmentDatabase(postgres[0], Integer.parseInt(postgres[1]), System.getenv().getOrDefault("PGUSER", "postgres"),
                System.getenv("PGPASSWORD")).registerDemoTenants();
        ShiptrackUrls urls = new ShiptrackUrls(URI.create(args[0]), URI.create(args[1]), URI.create(args[2]));
        int shipments = new DemoData(urls).load();
        System.out.println(shipments == 0 ? "Demo data already present; nothing loaded"
                : "Loaded " + shipments + " demo shipments with their tracking events and documents");
    }
}
