package dev.shiptrack.tracking.rest;

import static io.restassured.RestAssured.given;

import dev.shiptrack.testsupport.OidcProviderUnavailableContract;
import dev.shiptrack.tracking.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Authentication runs before the REST layer here, and the 503 problem holds all the same. A bad token with keys
 * available stays 401: {@link AuthenticationTest}.
 */
@QuarkusTest
@TestProfile(OidcProviderUnavailableContract.UnreachableProvider.class)
class OidcProviderUnavailableTest extends OidcProviderUnavailableContract {

    @Override
    protected Response requestWithToken() {
        return given().auth().oauth2(Tokens.signedByAnotherKey()).get("/tracking/SHP-1/events");
    }
}
