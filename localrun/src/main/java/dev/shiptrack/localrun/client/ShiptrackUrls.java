package dev.shiptrack.localrun.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the system's APIs live: the base URLs of a run and the paths of the calls the demo data and the
 * walkthrough make (see docs/walkthrough.md).
 *
 * @param keycloak        Keycloak base URL (realm {@code tracking})
 * @param shipmentService shipment-service base URL
 * @param trackingService tracking-service base URL
 */
public record ShiptrackUrls(URI keycloak, URI shipmentService, URI trackingService) {

    public URI shipments() {
        return shipmentService.resolve("/shipments");
    }

    public URI shipment(String id) {
        return shipmentService.resolve("/shipments/" + id);
    }

    public URI events(String shipmentId) {
        return trackingService.resolve("/tracking/" + shipmentId + "/events");
    }

    public URI eta(String shipmentId) {
        return trackingService.resolve("/tracking/" + shipmentId + "/eta");
    }

    public URI search(String query) {
        return trackingService.resolve("/tracking/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    public URI document(String shipmentId, String name) {
        return trackingService.resolve("/tracking/" + shipmentId + "/documents/" + name);
    }
}
