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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * Users created and deleted through the admin API, then Keycloak killed at once (the whole tree, nothing gets to
     * flush): after the restart on the same data folder exactly the acknowledged state is there. The H2 file database
     * of start-dev otherwise writes commits to disk up to half a second later (its default write delay), and a user
     * whose deletion was acknowledged came back after the fault suite killed Keycloak.
     */
    @Test
    void shouldKeepEveryAcknowledgedChangeWhenKilledRightAfter(@TempDir Path dataDir) throws Exception {
        int users = 20;
        try (KeycloakServer server = KeycloakServer.start(dataDir, 0, realms())) {
            String admin = adminToken(server);
            for (int n = 0; n < users; n++) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(usersOf(server, ""))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"acked" + n + "\", \"enabled\": true}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            }
            for (int n = 0; n < users / 2; n++) {
                String location = http.send(HttpRequest.newBuilder(usersOf(server, "?exact=true&username=acked" + n))
                        .header("Authorization", "Bearer " + admin).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String id = location.replaceAll("(?s).*\"id\"\s*:\s*\"([^\"]+)\".*", "$1");
                HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(usersOf(server, "/" + id))
                        .header("Authorization", "Bearer " + admin).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            }
            PausedProcess.pause(server.process()).kill();
        }
        try (KeycloakServer server = KeycloakServer.start(dataDir, 0, realms())) {
            String found = http.send(HttpRequest.newBuilder(usersOf(server, "?search=acked&max=100"))
                    .header("Authorization", "Bearer " + adminToken(server)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            Matcher usernames = Pattern.compile("\"username\"\s*:\s*\"(acked\\d+)\"").matcher(found);
            List<String> left = new ArrayList<>();
            while (usernames.find()) {
                left.add(usernames.group(1));
            }
            assertThat(left).as("the users after the restart").containsExactlyInAnyOrder("acked10", "acked11", "acked12",
                    "acked13", "acked14", "acked15", "acked16", "acked17", "acked18", "acked19");
        }
    }

    private String adminToken(KeycloakServer server) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(server.adminUsername())
                + "&password=" + encode(server.adminPassword());
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        server.endpoint().resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        assertThat(token.find()).as(answer.body()).isTrue();
        return token.group(1);
    }

    private static URI usersOf(KeycloakServer server, String rest) {
        return server.endpoint().resolve("/admin/realms/shiptrack-test/users" + rest);
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
