package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.document;
import static dev.shiptrack.tracking.Requests.event;
import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.testsupport.RoutesReadiness;
import dev.shiptrack.tracking.Tokens;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Every backend behind an HTTPS edge with a test certificate the artifact trusts through
 * {@code javax.net.ssl.trustStore}: STS, DynamoDB, OpenSearch and S3 over TLS from the SDK's URL-connection client.
 * In a native executable this is the JDK's TLS and the EC/RSA crypto compiled into the image.
 */
@QuarkusIntegrationTest
@WithTestResource(value = TrackingBackendsResource.class, initArgs = @ResourceArg(name = "tls", value = "true"))
class TlsBackendsIT {

    private final String shipment = "SHP-" + UUID.randomUUID();

    /** This suite starts its own executable: its first request comes milliseconds after start, the registry read by then. */
    @BeforeEach
    void registryReadAtStart() {
        RoutesReadiness.assertRegistryRead();
    }

    @Test
    void shouldReportEveryBackendReachableOverTls() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'backends' }.data.dynamodb", equalTo("reachable"))
                .body("checks.find { it.name == 'backends' }.data.opensearch", equalTo("reachable"))
                .body("checks.find { it.name == 'backends' }.data.s3", equalTo("reachable"))
                .body("checks.find { it.name == 'backends' }.data.sts", equalTo("reachable"));
    }

    @Test
    void shouldRecordSearchAndKeepTenantsApartOverTls() {
        String word = "tls" + UUID.randomUUID().toString().replace("-", "");
        as(YELLOW).body(event("IN_TRANSIT", "Antwerp", Instant.now().minusSeconds(60), "note " + word))
                .post("/tracking/{id}/events", shipment)
                .then().statusCode(201).body("indexed", equalTo(true));

        as(YELLOW).get("/tracking/{id}/events", shipment)
                .then().statusCode(200).body("events.status", contains("IN_TRANSIT"));
        as(YELLOW).queryParam("q", word).get("/tracking/search")
                .then().statusCode(200).body("events.shipmentId", contains(shipment));
        as(BLUE).get("/tracking/{id}/events", shipment)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldStoreAndReadADocumentOverTls() {
        as(YELLOW).body(event("DELIVERED", "Antwerp", Instant.now().minusSeconds(60), "signed"))
                .post("/tracking/{id}/events", shipment).then().statusCode(201);
        byte[] pdf = ("%PDF-1.7\n" + shipment + "\n%%EOF").getBytes(StandardCharsets.UTF_8);
        document(YELLOW, "application/pdf", pdf).put("/tracking/{id}/documents/{name}", shipment, "pod.pdf")
                .then().statusCode(201);

        byte[] returned = given().auth().oauth2(Tokens.forTenant(YELLOW))
                .get("/tracking/{id}/documents/{name}", shipment, "pod.pdf")
                .then().statusCode(200).extract().asByteArray();
        assertThat(returned).isEqualTo(pdf);
    }
}
