package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeycloakServerTest {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldImportTheRealmIssueATokenForTheRightPasswordOnlyAndLeaveNoProcessBehind() throws Exception {
        ProcessTree tree;
        try (KeycloakServer server = KeycloakServer.start(null, 0, realms())) {
            tree = ProcessTree.of(server.process());
            URI tokenEndpoint = server.endpoint().resolve("/realms/shiptrack-test/protocol/openid-connect/token");

            HttpResponse<String> granted = passwordGrant(tokenEndpoint, "alice", "alice-password");
            HttpResponse<String> refused = passwordGrant(tokenEndpoint, "alice", "wrong-password");

            assertThat(granted.statusCode()).isEqualTo(200);
            Matcher token = ACCESS_TOKEN.matcher(granted.body());
            assertThat(token.find()).isTrue();
            String claims = new String(Base64.getUrlDecoder().decode(token.group(1).split("\\.")[1]),
                    StandardCharsets.UTF_8);
            assertThat(claims).contains("\"preferred_username\":\"alice\"")
                    .contains("\"iss\":\"" + server.endpoint() + "/realms/shiptrack-test\"");
            assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 401);
            assertThat(refused.body()).contains("invalid_grant").doesNotContain("access_token");
            assertThat(NonLoopback.canConnect(server.endpoint().getPort())).as("reachable from another interface").isFalse();
            tree.assertRunning();
        }
        tree.assertAllStopped();
    }

    private HttpResponse<String> passwordGrant(URI tokenEndpoint, String username, String password)
            throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=test-cli&username=" + encode(username) + "&password="
                + encode(password);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Path realms() throws URISyntaxException {
        return Path.of(KeycloakServerTest.class.getResource("/keycloak-realms").toURI());
    }
}
