package dev.shiptrack.shipment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Only tokens signed by the configured provider, for the pinned issuer and audience, and still valid, get in. */
@QuarkusTest
@ExtendWith(TestTenants.class)
class AuthenticationTest {

    @ParameterizedTest
    @ValueSource(strings = { "/shipments", "/shipments/3f1c2a9e-8d4b-4c6f-9a2e-1b7d5e3c9f01" })
    void shouldAnswerUnauthenticatedWithoutToken(String path) {
        assertUnauthenticated(given(), path);
    }

    @Test
    void shouldRefuseCreatingWithoutToken() {
        given().contentType("application/json").body(Shipments.body("anonymous")).post("/shipments")
                .then().statusCode(401);
    }

    @Test
    void shouldRefuseTokenSignedByAnotherKey() {
        assertUnauthenticated(Shipments.as(TestTokens.signedByAnotherKey("yellow")), "/shipments");
    }

    @Test
    void shouldRefuseTokenFromAnotherIssuer() {
        assertUnauthenticated(Shipments.as(TestTokens.fromIssuer("https://evil.example/realms/tracking", "yellow")),
                "/shipments");
    }

    @Test
    void shouldRefuseTokenForAnotherAudience() {
        assertUnauthenticated(Shipments.as(TestTokens.forAudience("some-other-api", "yellow")), "/shipments");
    }

    @Test
    void shouldRefuseExpiredToken() {
        assertUnauthenticated(Shipments.as(TestTokens.expired("yellow")), "/shipments");
    }

    @Test
    void shouldRefuseUnsignedTokenWithAlgNone() {
        assertUnauthenticated(Shipments.as(TestTokens.unsigned("yellow")), "/shipments");
    }

    @Test
    void shouldRefuseGarbageToken() {
        assertUnauthenticated(Shipments.as("not-a-jwt"), "/shipments");
    }

    @Test
    void shouldRefuseValidTokenWithoutTenant() {
        Shipments.as(TestTokens.withoutTenant()).get("/shipments")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:invalid-tenant"));
    }

    @Test
    void shouldAcceptValidToken() {
        Shipments.as(TestTokens.forTenant("yellow")).get("/shipments").then().statusCode(200);
    }

    private static void assertUnauthenticated(RequestSpecification request, String path) {
        request.get(path)
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("type", equalTo("urn:shiptrack:problem:unauthenticated"));
    }
}
