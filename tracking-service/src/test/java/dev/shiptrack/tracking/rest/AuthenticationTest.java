package dev.shiptrack.tracking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.Tokens;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class AuthenticationTest {

    private static final String HISTORY = "/tracking/SHP-1/events";

    @Test
    void shouldRefuseARequestWithoutToken() {
        given().get(HISTORY).then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenWithABadSignature() {
        withToken(Tokens.signedByAnotherKey()).then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenFromAnotherIssuer() {
        withToken(Tokens.withIssuer("https://evil.example")).then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenForAnotherAudience() {
        withToken(Tokens.withAudience("shipment-service")).then().statusCode(401);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        withToken(Tokens.expired()).then().statusCode(401);
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        withToken(Tokens.unsigned()).then().statusCode(401);
    }

    @Test
    void shouldRefuseAMalformedTenantClaimWithAProblem() {
        withToken(Tokens.withTenantClaim("Yellow#"))
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("type", equalTo("urn:shiptrack:problem:invalid-tenant"));
    }

    @Test
    void shouldRefuseANonTextTenantClaimWithAProblem() {
        withToken(Tokens.withTenantClaim(42)).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseATokenWithoutTenantClaimWithAProblem() {
        withToken(Tokens.withoutTenantClaim()).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseAnInvalidTenantOnWrites() {
        given().auth().oauth2(Tokens.withTenantClaim("a")).contentType("application/json").body("{\"status\":\"DELIVERED\"}")
                .post(HISTORY).then().statusCode(403).contentType("application/problem+json");
    }

    private static io.restassured.response.Response withToken(String token) {
        return given().auth().oauth2(token).get(HISTORY);
    }
}
