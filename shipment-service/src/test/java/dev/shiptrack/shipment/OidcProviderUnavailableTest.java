package dev.shiptrack.shipment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the OIDC provider unreachable, a request with a token is answered 503 with a problem body, not 500. (A bad
 * token with the provider up stays 401: {@link AuthenticationTest}.)
 */
@QuarkusTest
@TestProfile(OidcProviderUnavailableTest.UnreachableProvider.class)
class OidcProviderUnavailableTest {

    /** Points OIDC at a port of 127.0.0.1 that was free a moment ago and has nothing listening. */
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
        Shipments.as(TestTokens.forTenant("yellow")).get("/shipments")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:identity-provider-unavailable"))
                .header("Retry-After", "10")
                .body("status", equalTo(503))
                .body("detail", not(containsString("127.0.0.1")));
    }
}
