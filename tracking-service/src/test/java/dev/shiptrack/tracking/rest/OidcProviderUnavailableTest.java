package dev.shiptrack.tracking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the OIDC provider unreachable, a request with a token is answered 503 with a problem body, not 500, even
 * though authentication runs before the REST layer here. (A bad token with keys available stays 401:
 * {@link AuthenticationTest}.)
 */
@QuarkusTest
@TestProfile(OidcProviderUnavailableTest.UnreachableProvider.class)
class OidcProviderUnavailableTest {

    /** Keys come from a provider on a port of 127.0.0.1 that was free a moment ago and has nothing listening. */
    public static class UnreachableProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return Map.of(
                        "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + socket.getLocalPort() + "/realms/tracking",
                        "quarkus.oidc.connection-timeout", "PT1S");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void shouldAnswerServiceUnavailableProblemWhenProviderIsUnreachable() {
        given().auth().oauth2(Tokens.signedByAnotherKey()).get("/tracking/SHP-1/events")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("type", equalTo("urn:shiptrack:problem:identity-provider-unavailable"))
                .body("status", equalTo(503));
    }
}
