package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpenSearchServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldIndexAndFindADocumentAndLeaveNoProcessBehind() throws IOException, InterruptedException {
        ProcessTree tree;
        try (OpenSearchServer server = OpenSearchServer.start(null, 0)) {
            tree = ProcessTree.of(server.process());
            URI index = server.endpoint().resolve("/yellow-tracking");

            HttpResponse<String> indexed = send(HttpRequest.newBuilder(index.resolve("/yellow-tracking/_doc/e1?refresh=true"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"shipmentId\":\"s1\",\"status\":\"DELIVERED\"}")));
            HttpResponse<String> found = send(HttpRequest.newBuilder(index.resolve("/yellow-tracking/_search"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match\":{\"status\":\"DELIVERED\"}}}")));

            assertThat(indexed.statusCode()).isEqualTo(201);
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains("\"total\":{\"value\":1").contains("\"shipmentId\":\"s1\"");
            assertThat(NonLoopback.canConnect(server.endpoint().getPort())).as("reachable from another interface").isFalse();
            tree.assertRunning();
        }
        tree.assertAllStopped();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
