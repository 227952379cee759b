package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
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
import dev.shiptrack.testsupport.RoutesReadiness;
import dev.shiptrack.tvm.routing.EdgeSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * shipment-service behind the edge (EdgeRoutingProfile): only requests whose tenant headers the edge signed get in,
 * and the signed host's tenant, the signed tenant and the token's tenant must be one; per-tier limits apply.
 */
@QuarkusTest
@TestProfile(EdgeRoutingProfile.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(TrackingServiceStub.class)
@ExtendWith({ TestTenants.class, TrackingStubUp.class })
class EdgeRoutingTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");
    private static final String BLUE = TestTokens.forTenant("blue");
    private static final String YELLOW_HOST = "yellow.shiptrack.localhost";
    private static final String BLUE_HOST = "blue.shiptrack.localhost";

    private UUID yellowsShipment;
    private String marker;

    @BeforeEach
    void createAYellowShipmentThroughTheEdge() {
        RoutesReadiness.assertRegistryRead();
        marker = Shipments.marker("yellow");
        String id = signed(YELLOW, YELLOW_HOST, "yellow", EdgeRoutingProfile.CURRENT_SECRET)
                .contentType(ContentType.JSON).body(Shipments.body(marker))
                .post("/shipments").then().statusCode(201).extract().path("id");
        yellowsShipment = UUID.fromString(id);
    }

    @Test
    void shouldServeARequestTheEdgeSignedForTheTokensTenant() {
        Response answer = signed(YELLOW, YELLOW_HOST, "yellow", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment);

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("orderReference")).isEqualTo("ORD-" + marker);
    }

    @Test
    void shouldForwardTheEdgesSignedHeadersToTrackingService() {
        TrackingStub.forgetRequests();
        long now = Instant.now().getEpochSecond();
        String signature = EdgeSignature.sign(EdgeRoutingProfile.CURRENT_SECRET, now, YELLOW_HOST, "yellow");

        edgeHeaders(YELLOW, YELLOW_HOST, "yellow", signature).get("/shipments/" + yellowsShipment)
                .then().statusCode(200);

        assertThat(TrackingStub.requests()).singleElement().satisfies(request -> assertThat(request)
                .containsEntry("edgeHeaders", "[yellow]|[" + YELLOW_HOST + "]|[" + signature + "]"));
    }

    @Test
    void shouldAcceptThePreviousSecretDuringARotation() {
        Response answer = signed(YELLOW, YELLOW_HOST, "yellow", EdgeRoutingProfile.PREVIOUS_SECRET)
                .get("/shipments/" + yellowsShipment);

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    }

    @Test
    void shouldRefuseADirectCallThatSkippedTheEdge() {
        assertEdgeRefused(as(YELLOW).header("Host", YELLOW_HOST).get("/shipments/" + yellowsShipment));
        assertEdgeRefused(as(YELLOW).header(EdgeSignature.TENANT_HEADER, "yellow")
                .header(EdgeSignature.HOST_HEADER, YELLOW_HOST).get("/shipments/" + yellowsShipment));
    }

    @Test
    void shouldRefuseTenantHeadersTheEdgeDidNotSign() {
        long now = Instant.now().getEpochSecond();
        String yellowsSignature = EdgeSignature.sign(EdgeRoutingProfile.CURRENT_SECRET, now, YELLOW_HOST, "yellow");
        List<RequestSpecification> forged = List.of(
                // another secret
                edgeHeaders(BLUE, BLUE_HOST, "blue", EdgeSignature.sign("a-secret-the-edge-does-not-have-000000",
                        now, BLUE_HOST, "blue")),
                // yellow's signature, the tenant changed to blue (also as a list and as a second header)
                edgeHeaders(BLUE, YELLOW_HOST, "blue", yellowsSignature),
                edgeHeaders(BLUE, YELLOW_HOST, "blue, yellow", yellowsSignature),
                edgeHeaders(BLUE, YELLOW_HOST, "yellow", yellowsSignature).header(EdgeSignature.TENANT_HEADER, "blue"),
                // signed ten minutes ago: a replay
                edgeHeaders(YELLOW, YELLOW_HOST, "yellow", EdgeSignature.sign(EdgeRoutingProfile.CURRENT_SECRET,
                        now - 600, YELLOW_HOST, "yellow")));
        for (RequestSpecification request : forged) {
            assertEdgeRefused(request.get("/shipments/" + yellowsShipment));
        }
    }

    @Test
    void shouldRefuseATokenThatDisagreesWithTheSignedHostOrTenant() {
        assertMismatch(signed(BLUE, YELLOW_HOST, "yellow", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment));
        assertMismatch(signed(BLUE, YELLOW_HOST, "", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment));
        assertMismatch(signed(YELLOW, BLUE_HOST, "blue", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment));
        // the edge itself claims yellow's host is blue's: the registry disagrees, nobody gets in
        assertMismatch(signed(BLUE, YELLOW_HOST, "blue", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment));
    }

    @Test
    void shouldResolveACustomHostnameTheEdgeCouldNotAndRefuseUnknownOnes() {
        // RoutesRegistryResource.YELLOW_WILDCARD covers it; the edge signs it without a tenant
        Response custom = signed(YELLOW, "track.yellow-parcels.example", "", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment);
        Response unknown = signed(YELLOW, "evil.example", "", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment);

        assertThat(custom.statusCode()).as(custom.asString()).isEqualTo(200);
        assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(421);
        assertThat(unknown.jsonPath().getString("type")).isEqualTo("urn:shiptrack:problem:unknown-host");
        assertThat(unknown.asString()).doesNotContain(marker);
    }

    @Test
    void shouldThrottleABasicTenantAndAnswerItsProblemWithRetryAfter() {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Response> answers = new ArrayList<>();
        long started = System.nanoTime();
        try {
            // rounds of 16 at once until the limiter answers 429, however slow this machine is today
            for (int round = 0; round < 40 && answers.stream().noneMatch(answer -> answer.statusCode() == 429); round++) {
                answers.addAll(IntStream.range(0, 16)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> signed(BLUE, BLUE_HOST, "blue",
                                EdgeRoutingProfile.CURRENT_SECRET).get("/shipments?size=1"), clients))
                        .toList().stream().map(CompletableFuture::join).toList());
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Response> throttled = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 429);
        assertThat(answers.size() - throttled.size()).as("basic: burst 40 plus 20 a second for %.1f s", seconds)
                .isBetween(40, 40 + (int) Math.ceil(20 * seconds));
        assertThat(throttled).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.header("Retry-After")).isIn("1", "2");
        });
        Response premium = signed(YELLOW, YELLOW_HOST, "yellow", EdgeRoutingProfile.CURRENT_SECRET)
                .get("/shipments/" + yellowsShipment);
        assertThat(premium.statusCode()).as("yellow is another tenant, with its own limit").isEqualTo(200);
    }

    @Test
    void shouldAnswerHealthWithoutTheEdge() {
        as(YELLOW).get("/q/health/live").then().statusCode(200);
    }

    private static RequestSpecification signed(String token, String host, String tenant, String secret) {
        return edgeHeaders(token, host, tenant, EdgeSignature.sign(secret, Instant.now().getEpochSecond(), host, tenant));
    }

    private static RequestSpecification edgeHeaders(String token, String host, String tenant, String signature) {
        RequestSpecification request = as(token).header(EdgeSignature.HOST_HEADER, host)
                .header(EdgeSignature.SIGNATURE_HEADER, signature);
        return tenant.isEmpty() ? request : request.header(EdgeSignature.TENANT_HEADER, tenant);
    }

    private void assertEdgeRefused(Response refused) {
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:shiptrack:problem:edge-signature-invalid");
        assertThat(refused.asString()).doesNotContain(marker);
    }

    private void assertMismatch(Response refused) {
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:shiptrack:problem:tenant-mismatch");
        assertThat(refused.asString()).doesNotContain(marker);
    }
}
