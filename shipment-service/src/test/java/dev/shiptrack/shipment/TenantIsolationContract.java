package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.support.OidcServerResource;
import dev.shiptrack.shipment.support.PostgresResource;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingServiceStub;
import dev.shiptrack.shipment.support.TrackingStub;
import dev.shiptrack.shipment.support.TrackingStubUp;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;

/**
 * What every connection strategy must guarantee, tried through the HTTP API with tokens of two tenants: the owner
 * sees its shipments, the other tenant gets 404 and no byte of them, inactive tenants get 403.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(TrackingServiceStub.class)
@ExtendWith({ TestTenants.class, TrackingStubUp.class })
abstract class TenantIsolationContract {

    static final String YELLOW = TestTokens.forTenant("yellow");
    static final String BLUE = TestTokens.forTenant("blue");

    @Test
    void shouldCreateShipmentAndRecordLabelCreatedWithTheCallersToken() {
        String marker = Shipments.marker("yellow");

        String id = as(YELLOW).contentType(ContentType.JSON).body(Shipments.body(marker))
                .post("/shipments")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("orderReference", equalTo("ORD-" + marker))
                .body("origin.city", equalTo("Hamburg"))
                .body("parcel.weightGrams", equalTo(1200))
                .body("tracking.available", equalTo(true))
                .body("tracking.status", equalTo("LABEL_CREATED"))
                .extract().path("id");

        List<Map<String, String>> received = TrackingStub.requests();
        assertThat(received).hasSize(1);
        assertThat(received.get(0))
                .containsEntry("method", "POST")
                .containsEntry("path", "/tracking/" + id + "/events")
                .containsEntry("authorization", "Bearer " + YELLOW);
        assertThat(received.get(0).get("body")).contains("\"status\":\"LABEL_CREATED\"", "\"location\":\"Hamburg\"");
        assertThat(received.get(0).get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void shouldReturnTheOwnersShipmentWithTrackingStatus() {
        String marker = Shipments.marker("yellow");
        UUID id = Shipments.create(YELLOW, marker);
        TrackingStub.forgetRequests();

        as(YELLOW).get("/shipments/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("orderReference", equalTo("ORD-" + marker))
                .body("tracking.available", equalTo(true))
                .body("tracking.status", equalTo("IN_TRANSIT"))
                .body("tracking.estimatedDelivery", equalTo("2026-11-26"));

        assertThat(TrackingStub.requests()).singleElement()
                .satisfies(request -> assertThat(request)
                        .containsEntry("method", "GET")
                        .containsEntry("path", "/tracking/" + id + "/eta")
                        .containsEntry("authorization", "Bearer " + YELLOW));
    }

    @Test
    void shouldAnswerNotFoundWithoutDataForAnotherTenantsShipment() {
        String marker = Shipments.marker("yellow");
        UUID yellowShipment = Shipments.create(YELLOW, marker);
        TrackingStub.forgetRequests();

        String body = as(BLUE).get("/shipments/" + yellowShipment)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .extract().asString();

        assertThat(body).doesNotContain(marker, "Hamburg", "Lyon");
        assertThat(TrackingStub.requests()).as("tracking is not even asked about a foreign shipment").isEmpty();
    }

    @Test
    void shouldListOnlyTheCallersShipments() {
        String yellowMarker = Shipments.marker("yellow");
        String blueMarker = Shipments.marker("blue");
        UUID yellowShipment = Shipments.create(YELLOW, yellowMarker);
        UUID blueShipment = Shipments.create(BLUE, blueMarker);

        String yellowPage = as(YELLOW).get("/shipments?size=100").then().statusCode(200).extract().asString();
        String bluePage = as(BLUE).get("/shipments?size=100").then().statusCode(200).extract().asString();

        assertThat(yellowPage).contains(yellowShipment.toString(), yellowMarker)
                .doesNotContain(blueShipment.toString(), blueMarker);
        assertThat(bluePage).contains(blueShipment.toString(), blueMarker)
                .doesNotContain(yellowShipment.toString(), yellowMarker);
    }

    @Test
    void shouldCountOnlyTheCallersShipmentsInTheTotal() {
        Shipments.create(YELLOW, Shipments.marker("yellow"));
        int yellowTotal = as(YELLOW).get("/shipments?size=1").then().statusCode(200).extract().path("total");
        Shipments.create(BLUE, Shipments.marker("blue"));

        as(YELLOW).get("/shipments?size=1")
                .then().statusCode(200)
                .body("total", equalTo(yellowTotal))
                .body("items.size()", equalTo(1));
    }

    @Test
    void shouldRefuseSuspendedTenantWithProblem() {
        String orange = TestTokens.forTenant("orange");

        as(orange).get("/shipments").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:tenant-suspended"))
                .body("status", equalTo(403))
                .body("detail", equalTo("Tenant orange is suspended and cannot use shipment-service"));
        as(orange).contentType(ContentType.JSON).body(Shipments.body("orange")).post("/shipments")
                .then().statusCode(403).body("title", equalTo("Tenant suspended"));
        as(orange).get("/shipments/" + UUID.randomUUID()).then().statusCode(403);
        assertThat(TrackingStub.requests()).as("a suspended tenant never reaches tracking-service").isEmpty();
    }

    @Test
    void shouldRefuseDisabledTenantWithProblem() {
        String purple = TestTokens.forTenant("purple");

        as(purple).get("/shipments").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:tenant-disabled"))
                .body("title", equalTo("Tenant disabled"));
        as(purple).contentType(ContentType.JSON).body(Shipments.body("purple")).post("/shipments")
                .then().statusCode(403);
    }

    @Test
    void shouldRefuseUnregisteredTenant() {
        as(TestTokens.forTenant("green")).get("/shipments").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
