package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.document;
import static dev.shiptrack.tracking.Requests.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.Tokens;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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

    /**
     * A client that stops sending halfway (wrk at the end of a benchmark run, a dropped mobile connection) makes a bad
     * request, not a server error: nothing is stored and nothing is logged as an error with a stack trace (it was:
     * an {@code UncheckedIOException} answered 500). The client is gone, so the answer itself cannot be read.
     */
    @Test
    @DisabledOnIntegrationTest("the log it captures is the application's only when the application runs in this JVM")
    void shouldTreatABodyCutOffByTheClientAsItsOwnErrorAndStoreNothing() throws Exception {
        List<LogRecord> problems = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    problems.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            try (Socket socket = new Socket(root().getHost(), root().getPort());
                    OutputStream out = socket.getOutputStream()) {
                String head = "PUT /tracking/" + shipment + "/documents/cut.pdf HTTP/1.1\r\n"
                        + "Host: " + root().getHost() + "\r\n"
                        + "Authorization: Bearer " + Tokens.forTenant(YELLOW) + "\r\n"
                        + "Content-Type: application/pdf\r\n"
                        + "Content-Length: 100000\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(pdf);
                out.flush();
                // The request reaches the resource, which waits for the rest of the body, before the connection goes.
                Thread.sleep(500);
            }
            // The read fails as soon as the connection is gone; its outcome is logged (or not) right after.
            Thread.sleep(2000);
        } finally {
            root.removeHandler(capture);
        }

        assertThat(problems).as("warnings and errors logged for the cut-off upload")
                .extracting(record -> record.getMessage() + " " + record.getThrown()).isEmpty();
        get(YELLOW, "cut.pdf").then().statusCode(404);
    }

    private URI root() {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port);
    }

    private Response put(String tenant, String name, byte[] content) {
        return document(tenant, "application/pdf", content).put("/tracking/{id}/documents/{name}", shipment, name);
    }

    private Response get(String tenant, String name) {
        return given().auth().oauth2(Tokens.forTenant(tenant))
                .get("/tracking/{id}/documents/{name}", shipment, name);
    }
}
