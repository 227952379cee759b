package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.document;
import static dev.shiptrack.tracking.Requests.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.Tokens;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class DeliveryDocumentResourceTest {

    private static final int DOCUMENT_LIMIT = 5 * 1024 * 1024;

    private final String shipment = "SHP-" + UUID.randomUUID();
    private final String marker = "proof-of-delivery-" + UUID.randomUUID();
    private final byte[] pdf = ("%PDF-1.7\n" + marker + "\n%%EOF").getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void shipmentOfYellow() {
        as(YELLOW).body(event("DELIVERED", "Utrecht", Instant.now().minusSeconds(60), "signed by J."))
                .post("/tracking/{id}/events", shipment)
                .then().statusCode(201);
    }

    @Test
    void shouldStoreAndReturnADocumentWithItsContentType() {
        put(YELLOW, "pod.pdf", pdf)
                .then().statusCode(201)
                .body("name", equalTo("pod.pdf"))
                .body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(pdf.length));

        byte[] returned = get(YELLOW, "pod.pdf")
                .then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertThat(returned).isEqualTo(pdf);
    }

    @Test
    void shouldAnswerNotFoundForAnotherTenantsDocument() {
        put(YELLOW, "pod.pdf", pdf).then().statusCode(201);

        String body = get(BLUE, "pod.pdf")
                .then().statusCode(404).contentType("application/problem+json")
                .extract().asString();
        assertThat(body).doesNotContain(marker, "%PDF");
    }

    @Test
    void shouldRefuseStoringADocumentOnAnotherTenantsShipment() {
        put(YELLOW, "pod.pdf", pdf).then().statusCode(201);

        put(BLUE, "pod.pdf", "%PDF-1.7 forged".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(get(YELLOW, "pod.pdf").then().statusCode(200).extract().asByteArray()).isEqualTo(pdf);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownDocument() {
        get(YELLOW, "missing.pdf").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseAnOversizedDocument() {
        byte[] tooLarge = new byte[DOCUMENT_LIMIT + 1];
        Arrays.fill(tooLarge, (byte) 'x');
        put(YELLOW, "big.pdf", tooLarge)
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
        get(YELLOW, "big.pdf").then().statusCode(404);
    }

    @Test
    void shouldRefuseADocumentNameWithDotDot() {
        put(YELLOW, "a..pdf", pdf)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("document name must match [A-Za-z0-9._-]{1,128} and must not contain '..'"));
    }

    @Test
    void shouldRefuseAnEmptyDocument() {
        put(YELLOW, "empty.pdf", new byte[0]).then().statusCode(400).contentType("application/problem+json");
    }

    private Response put(String tenant, String name, byte[] content) {
        return document(tenant, "application/pdf", content).put("/tracking/{id}/documents/{name}", shipment, name);
    }

    private Response get(String tenant, String name) {
        return given().auth().oauth2(Tokens.forTenant(tenant))
                .get("/tracking/{id}/documents/{name}", shipment, name);
    }
}
