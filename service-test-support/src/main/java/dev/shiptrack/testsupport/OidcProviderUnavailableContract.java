package dev.shiptrack.testsupport;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.Response;

/**
 * With the OIDC provider unreachable, a request with a token is answered 503 with a problem body, not 500, and the
 * body does not reveal where the provider lives. A service runs it with
 * {@code @QuarkusTest @TestProfile(OidcProviderUnavailableContract.UnreachableProvider.class)} on a subclass.
 */
public abstract class OidcProviderUnavailableContract {

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

    /** Sends a request with a bearer token to a protected endpoint of the service, so the provider is needed. */
    protected abstract Response requestWithToken();

    @Test
    void shouldAnswerServiceUnavailableProblemWhenProviderIsUnreachable() {
        requestWithToken()
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("type", equalTo("urn:shiptrack:problem:identity-provider-unavailable"))
                .body("status", equalTo(503))
                .body("detail", not(containsString("127.0.0.1")));
    }
}
