package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.support.Database;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStubUp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Input validation, body limits, paging and unknown ids: problem bodies, and nothing stored for a refused body. */
@QuarkusTest
@ExtendWith({ TestTenants.class, TrackingStubUp.class })
class ShipmentResourceTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");

    @Test
    void shouldRefuseInvalidFieldsWithProblem() {
        String invalid = Shipments.body("x").replace("\"country\":\"DE\"", "\"country\":\"Germany\"")
                .replace("\"weightGrams\":1200", "\"weightGrams\":-5");

        as(YELLOW).contentType(ContentType.JSON).body(invalid).post("/shipments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", containsString("origin.country must be an ISO 3166-1 alpha-2 code"))
                .body("detail", containsString("parcel.weightGrams must be greater than 0"));
    }

    @Test
    void shouldRefuseMissingBody() {
        as(YELLOW).contentType(ContentType.JSON).post("/shipments")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseMalformedJson() {
        as(YELLOW).contentType(ContentType.JSON).body("{\"orderReference\": ").post("/shipments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not a valid JSON document"));
    }

    @Test
    void shouldRefuseTenantIdInBody() throws SQLException {
        String marker = Shipments.marker("yellow");
        String withTenant = Shipments.body(marker).replaceFirst("\\{", "{\"tenantId\":\"blue\",");

        as(YELLOW).contentType(ContentType.JSON).body(withTenant).post("/shipments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("tenantId"));
        assertThat(Database.countByOrderReference("ORD-" + marker)).isZero();
    }

    @Test
    void shouldRefuseOversizedBody() {
        String oversized = Shipments.body("x").replace("\"carrier\":\"Carrier x\"",
                "\"carrier\":\"" + "x".repeat(20_000) + "\"");

        as(YELLOW).contentType(ContentType.JSON).body(oversized).post("/shipments")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:payload-too-large"))
                .body("detail", equalTo("The request body may be at most 16384 bytes"));
    }

    @Test
    void shouldRefuseIdThatIsNotUuid() {
        as(YELLOW).get("/shipments/not-a-uuid")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("id must be a UUID"));
    }

    @Test
    void shouldRefusePageSizeAboveLimit() {
        as(YELLOW).get("/shipments?size=101")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("size must be between 1 and 100"));
        as(YELLOW).get("/shipments?size=0").then().statusCode(400);
        as(YELLOW).get("/shipments?page=-1").then().statusCode(400);
        as(YELLOW).get("/shipments?page=abc").then().statusCode(400);
    }

    @Test
    void shouldPageNewestFirst() {
        String marker = Shipments.marker("yellow");
        Shipments.create(YELLOW, marker + "a");
        UUID newest = Shipments.create(YELLOW, marker + "b");

        as(YELLOW).get("/shipments?page=0&size=1")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(newest.toString()))
                .body("items[0].tracking", equalTo(null))
                .body("page", equalTo(0))
                .body("size", equalTo(1));
    }

    @Test
    void shouldAnswerNotFoundForUnknownShipment() {
        as(YELLOW).get("/shipments/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:not-found"));
    }
}
