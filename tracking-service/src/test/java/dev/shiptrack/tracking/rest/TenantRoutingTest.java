package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.Requests.as;
import static dev.shiptrack.tracking.Requests.event;
import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.testsupport.RoutesReadiness;
import dev.shiptrack.tracking.TrackingBackendsResource;
import dev.shiptrack.tvm.routing.EdgeSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;

/**
 * Tenant routing through the real service, registry and edge (TENANT_ROUTING_MODE=host, no CDN edge): the host names
 * a tenant, the token must name the same one, and no header a client sends can choose the tenant.
 */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class TenantRoutingTest {

    private static final String YELLOW_HOST = "yellow.shiptrack.localhost";
    private static final String BLUE_HOST = "blue.shiptrack.localhost";

    private final String shipment = "SHP-" + UUID.randomUUID();

    @BeforeEach
    void recordAYellowEvent() {
        RoutesReadiness.assertRegistryRead();
        on(YELLOW_HOST, YELLOW).body(event("IN_TRANSIT", "Ghent", Instant.now().minus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS), "routed " + shipment))
                .post("/tracking/{id}/events", shipment).then().statusCode(201);
    }

    @Test
    void shouldServeATenantOnItsOwnSubdomain() {
        Response history = on(YELLOW_HOST, YELLOW).get("/tracking/{id}/events", shipment);

        assertThat(history.statusCode()).as(history.asString()).isEqualTo(200);
        assertThat(history.jsonPath().getList("events.location", String.class)).containsExactly("Ghent");
    }

    @Test
    void shouldRefuseATokenOnAnotherTenantsSubdomain() {
        assertMismatch(on(YELLOW_HOST, BLUE).get("/tracking/{id}/events", shipment));
        assertMismatch(on(BLUE_HOST, YELLOW).get("/tracking/{id}/events", shipment));
        assertMismatch(on(YELLOW_HOST, BLUE).body(event("DELIVERED", "Ghent", Instant.now()
                .truncatedTo(ChronoUnit.SECONDS), "forged")).post("/tracking/{id}/events", shipment));

        assertThat(locations(YELLOW)).as("blue wrote nothing into yellow's history").containsExactly("Ghent");
    }

    @Test
    void shouldResolveAWildcardHostnameToItsTenantOnly() {
        Response yellows = on("shop.yellow-parcels.example", YELLOW).get("/tracking/{id}/events", shipment);

        assertThat(yellows.statusCode()).as(yellows.asString()).isEqualTo(200);
        assertMismatch(on("shop.yellow-parcels.example", BLUE).get("/tracking/{id}/events", shipment));
        assertUnknownHost(on("a.shop.yellow-parcels.example", YELLOW).get("/tracking/{id}/events", shipment));
        assertUnknownHost(on("yellow-parcels.example", YELLOW).get("/tracking/{id}/events", shipment));
    }

    @Test
    void shouldNotFallBackToADefaultTenantOnAnUnknownHost() {
        for (String host : List.of("green.shiptrack.localhost", "shiptrack.localhost", "evil.example",
                "yellow.shiptrack.localhost.evil.example")) {
            assertUnknownHost(on(host, YELLOW).get("/tracking/{id}/events", shipment));
        }
        assertUnknownHost(given().header("Host", "evil.example").get("/tracking/{id}/events", shipment));
    }

    /**
     * The registry is read again (shared, at most once per {@code unknown-host-reread}) for a host the snapshot does not
     * know, before the request is refused: a hostname registered a moment ago is served on its first request, body
     * and all, where it waited for the next refresh before (421 in between).
     */
    @Test
    void shouldServeAHostnameRegisteredSinceTheLastReadOnItsFirstRequest() {
        String host = "track-" + UUID.randomUUID().toString().substring(0, 8) + ".yellow-new.example";
        TrackingBackendsResource.registerHost(host, YELLOW);

        on(host, YELLOW).body(event("OUT_FOR_DELIVERY", "Bruges", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        "first request on " + host))
                .post("/tracking/{id}/events", shipment).then().statusCode(201);

        assertThat(locations(YELLOW)).contains("Ghent", "Bruges");
        assertMismatch(on(host, BLUE).get("/tracking/{id}/events", shipment));
        assertUnknownHost(on("track-unregistered.yellow-new.example", YELLOW).get("/tracking/{id}/events", shipment));
    }

    @Test
    void shouldRefuseTenantHeadersAClientSends() {
        List<List<Header>> forged = List.of(
                List.of(new Header(EdgeSignature.TENANT_HEADER, BLUE)),
                List.of(new Header(EdgeSignature.TENANT_HEADER, BLUE + ", " + YELLOW)),
                List.of(new Header(EdgeSignature.TENANT_HEADER, YELLOW), new Header(EdgeSignature.TENANT_HEADER, BLUE)),
                List.of(new Header(EdgeSignature.TENANT_HEADER, YELLOW)),
                List.of(new Header(EdgeSignature.HOST_HEADER, BLUE_HOST)),
                List.of(new Header(EdgeSignature.SIGNATURE_HEADER, "t=1;v1=" + "0".repeat(64))));
        for (List<Header> headers : forged) {
            for (String host : List.of("localhost", YELLOW_HOST)) {
                var request = on(host, YELLOW);
                headers.forEach(request::header);
                Response refused = request.get("/tracking/{id}/events", shipment);

                assertThat(refused.statusCode()).as(host + " " + headers + ": " + refused.asString()).isEqualTo(403);
                assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:shiptrack:problem:untrusted-tenant-header");
                assertThat(refused.asString()).doesNotContain("Ghent");
            }
        }
    }

    @Test
    void shouldIgnoreXForwardedHostFromAPeerThatIsNotATrustedProxy() {
        Response yellows = on(YELLOW_HOST, YELLOW).header("X-Forwarded-Host", BLUE_HOST)
                .get("/tracking/{id}/events", shipment);
        Response blues = on(BLUE_HOST, BLUE).header("X-Forwarded-Host", YELLOW_HOST)
                .get("/tracking/{id}/events", shipment);
        Response forwardedOnly = on("localhost", YELLOW).header("X-Forwarded-Host", BLUE_HOST)
                .get("/tracking/{id}/events", shipment);

        assertThat(yellows.statusCode()).as(yellows.asString()).isEqualTo(200);
        assertThat(blues.statusCode()).as("blue stays blue: yellow's shipment is not found " + blues.asString())
                .isEqualTo(404);
        assertThat(forwardedOnly.statusCode()).as(forwardedOnly.asString()).isEqualTo(200);
    }

    @Test
    void shouldKeepTheTokensTenantAloneOnTheUnroutedLocalHosts() {
        assertThat(locations(YELLOW)).containsExactly("Ghent");
        as(BLUE).get("/tracking/{id}/events", shipment).then().statusCode(404);
    }

    @Test
    void shouldReportTheRoutesRegistryReadOnceInReadiness() {
        var readiness = given().get("/q/health/ready").jsonPath();

        assertThat(readiness.getString("checks.find { it.name == 'tenant-routes' }.status")).isEqualTo("UP");
        assertThat(readiness.getInt("checks.find { it.name == 'tenant-routes' }.data.hostnames"))
                .as("every hostname registered: the six subdomains and yellow's wildcard of TrackingBackendsResource,"
                        + " and the ones this suite registers").isEqualTo(TrackingBackendsResource.registeredHosts())
                .isGreaterThanOrEqualTo(7);
        assertThat(readiness.getInt("checks.find { it.name == 'tenant-routes' }.data.siloTenants"))
                .as("acme, the one tenant in a silo").isEqualTo(1);
    }

    @Test
    void shouldAnswerHealthOnAnyHost() {
        given().header("Host", "evil.example").get("/q/health/live").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification on(String host, String tenant) {
        return as(tenant).header("Host", host);
    }

    private List<String> locations(String tenant) {
        return as(tenant).get("/tracking/{id}/events", shipment).then().statusCode(200)
                .extract().jsonPath().getList("events.location", String.class);
    }

    private static void assertMismatch(Response refused) {
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:shiptrack:problem:tenant-mismatch");
        assertThat(refused.asString()).doesNotContain("Ghent");
    }

    private static void assertUnknownHost(Response refused) {
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(421);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:shiptrack:problem:unknown-host");
        assertThat(refused.asString()).doesNotContain("Ghent");
    }
}
