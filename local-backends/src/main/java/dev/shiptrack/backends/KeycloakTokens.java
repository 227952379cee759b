package dev.shiptrack.backends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Gets access tokens from the {@code tracking} realm with the password grant of the public demo client
 * {@code tracking-web}: exactly what {@code docs/walkthrough.md} does with curl.
 */
public final class KeycloakTokens {

    /** The realm of config/keycloak/tracking-realm.json. */
    public static final String REALM = "tracking";
    /** The public client with direct access grants enabled for the demo. */
    public static final String DEMO_CLIENT = "tracking-web";

    private final URI tokenEndpoint;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public KeycloakTokens(URI keycloak) {
        this.tokenEndpoint = keycloak.resolve("/realms/" + REALM + "/protocol/openid-connect/token");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The realm's issuer, which the services verify tokens against. */
    public static URI issuer(URI keycloak) {
        return keycloak.resolve("/realms/" + REALM);
    }

    /** An access token for a demo user (password = user name in the local realm). */
    public String accessToken(String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + DEMO_CLIENT
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Keycloak refused a token for " + username + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        return body.path("access_token").asText();
    }
}
