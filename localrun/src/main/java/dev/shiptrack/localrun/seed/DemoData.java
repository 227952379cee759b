package dev.shiptrack.localrun.seed;

import dev.shiptrack.localrun.client.ApiClient;
import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.localrun.client.ShiptrackUrls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo data of a fresh local run: a few shipments with tracking events and a delivery document for the
 * tenants yellow (alice) and blue (bob), written through the services' APIs with real Keycloak tokens, so it
 * takes the same path as every request (JWT, tenant-scoped credentials from STS, IAM checks at the edge).
 */
public final class DemoData {

    private record DemoShipment(String user, String orderReference, String fromCity, String toCity, String country,
                                String carrier, List<Map<String, String>> events, String documentName) {
    }

    private static final List<DemoShipment> SHIPMENTS = List.of(
            new DemoShipment("alice", "YELLOW-1001", "Hamburg", "Munich", "DE", "DHL",
                    List.of(event("IN_TRANSIT", "Hamburg hub", "Left the Hamburg sorting centre"),
                            event("OUT_FOR_DELIVERY", "Munich", "On the van since 07:40")),
                    "delivery-note.txt"),
            new DemoShipment("alice", "YELLOW-1002", "Berlin", "Cologne", "DE", "DPD",
                    List.of(event("IN_TRANSIT", "Leipzig hub", "Delayed by snow on the A9")),
                    null),
            new DemoShipment("bob", "BLUE-2001", "Lyon", "Paris", "FR", "La Poste",
                    List.of(event("IN_TRANSIT", "Lyon hub", "Sorted for Paris"),
                            event("DELIVERED", "Paris", "Left with the concierge")),
                    "proof-of-delivery.txt"));

    private static final int CREATE_ATTEMPTS = 5;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final ShiptrackUrls urls;
    private final KeycloakTokens tokens;
    private final ApiClient api = new ApiClient();

    public DemoData(ShiptrackUrls urls) {
        this.urls = urls;
        this.tokens = new KeycloakTokens(urls.keycloak());
    }

    /**
     * Writes every demo shipment unless alice already has shipments (a kept data folder, or a second
     * {@code docker-compose up}); fails on the first refused request, naming it. Returns how many it wrote.
     */
    public int load() throws IOException, InterruptedException {
        String alice = tokens.accessToken("alice", "alice");
        if (api.get(urls.shipments(), alice).expect(200, "list alice's shipments").json().path("total").asLong() > 0) {
            return 0;
        }
        for (DemoShipment demo : SHIPMENTS) {
            String token = tokens.accessToken(demo.user(), demo.user());
            String id = create(token, demo).json().path("id").asText();
            for (Map<String, String> event : demo.events()) {
                api.postJson(urls.events(id), token, event)
                        .expect(201, "add " + event.get("status") + " to " + demo.orderReference());
            }
            if (demo.documentName() != null) {
                String text = demo.orderReference() + ": delivered from " + demo.fromCity() + " to " + demo.toCity() + "\n";
                api.put(urls.document(id, demo.documentName()), token, "text/plain",
                                text.getBytes(StandardCharsets.UTF_8))
                        .expect(201, "upload " + demo.documentName() + " for " + demo.orderReference());
            }
        }
        return SHIPMENTS.size();
    }

    /**
     * Creates a shipment, retrying on 503: shipment-service stores nothing when tracking-service did not answer in
     * time, which happens while the freshly started JVMs are still cold. The order reference is the idempotency
     * key, so a retry never creates the shipment twice.
     */
    private ApiClient.Answer create(String token, DemoShipment demo) throws IOException, InterruptedException {
        String key = "demo-" + demo.orderReference();
        ApiClient.Answer answer = api.postJson(urls.shipments(), token, newShipment(demo), key);
        for (int attempt = 1; answer.status() == 503 && attempt < CREATE_ATTEMPTS; attempt++) {
            Thread.sleep(RETRY_PAUSE.toMillis());
            answer = api.postJson(urls.shipments(), token, newShipment(demo), key);
        }
        return answer.expect(201, "create demo shipment " + demo.orderReference());
    }

    /** The body of POST /shipments for one demo shipment. */
    public static Map<String, Object> newShipment(String orderReference, String fromCity, String toCity,
                                                  String country, String carrier) {
        return Map.of(
                "orderReference", orderReference,
                "origin", address("1 Dock Road", fromCity, country),
                "destination", address("42 Main Street", toCity, country),
                "carrier", carrier,
                "parcel", Map.of("weightGrams", 1200, "lengthCm", 30, "widthCm", 20, "heightCm", 10));
    }

    private static Map<String, Object> newShipment(DemoShipment demo) {
        return newShipment(demo.orderReference(), demo.fromCity(), demo.toCity(), demo.country(), demo.carrier());
    }

    private static Map<String, Object> address(String street, String city, String country) {
        return Map.of("street", street, "city", city, "postalCode", "10115", "country", country);
    }

    private static Map<String, String> event(String status, String location, String note) {
        return Map.of("status", status, "location", location, "note", note);
    }
}
