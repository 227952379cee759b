package dev.shiptrack.localaws;

import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.backends.OpenSearchServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchIsolationTest {

    private static final MutableClock CLOCK = new MutableClock();
    private static OpenSearchServer openSearch;
    private static LocalAwsEdge edge;
    private static AwsClients clients;
    private static OpenSearchClient yellow;

    @BeforeAll
    static void start() throws IOException {
        openSearch = OpenSearchServer.start(null, FreePorts.next());
        edge = LocalAwsEdge.builder().withLocalDefaults().clock(CLOCK).openSearch(openSearch.endpoint()).start();
        clients = new AwsClients(edge.endpoint());
        OpenSearchClient admin = client(AwsClients.admin());
        for (String tenant : new String[]{"yellow", "blue"}) {
            admin.indices().create(create -> create.index(tenant + "-tracking"));
            admin.index(index -> index.index(tenant + "-tracking").id("e1").refresh(
                    Refresh.True)
                    .document(Map.of("shipmentId", "s1", "tenant", tenant)));
        }
        yellow = client(clients.tenant("yellow"));
    }

    @AfterAll
    static void stop() {
        edge.close();
        openSearch.close();
    }

    private static OpenSearchClient client(AwsCredentialsProvider credentials) {
        return new OpenSearchClient(new AwsSdk2Transport(new PlainHttpClient(),
                edge.endpoint().getHost() + ":" + edge.endpoint().getPort(), "es", Region.US_EAST_1,
                AwsSdk2TransportOptions.builder().setCredentials(credentials).build()));
    }

    @Test
    void shouldLetATenantIndexAndSearchItsOwnIndex() throws IOException {
        yellow.index(index -> index.index("yellow-tracking").id("e2")
                .document(Map.of("shipmentId", "s2", "tenant", "yellow")));
        yellow.indices().refresh(refresh -> refresh.index("yellow-tracking"));

        SearchResponse<Map> hits = yellow.search(search -> search.index("yellow-tracking"), Map.class);

        assertThat(hits.hits().hits()).extracting(hit -> hit.source().get("tenant")).containsOnly("yellow")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> {
            assertThat(record.action()).isEqualTo("es:ESHttpPost");
            assertThat(record.resource()).isEqualTo("arn:aws:es:us-east-1:123456789012:domain/tracking/"
                    + "yellow-tracking/_search");
            assertThat(record.decidingStatement()).isEqualTo("TenantIndexInSharedDomain");
        });
    }

    @Test
    void shouldRefuseSearchingOrReadingAnotherTenantsIndex() {
        assertForbidden("POST", "/blue-tracking/_search", "{}");
        assertForbidden("GET", "/blue-tracking/_doc/e1", null);
        assertRefused(() -> yellow.search(search -> search.index("blue-tracking"), Map.class), "not authorized");
    }

    @Test
    void shouldRefuseWritingIntoAnotherTenantsIndex() {
        assertForbidden("PUT", "/blue-tracking/_doc/planted", "{\"tenant\":\"yellow\"}");
    }

    @Test
    void shouldRefuseSearchingAcrossIndexes() {
        assertForbidden("POST", "/_search", "{}");
        assertForbidden("POST", "/yellow-tracking,blue-tracking/_search", "{}");
        assertForbidden("POST", "/*/_search", "{}");
    }

    @Test
    void shouldRefuseMultiTargetBodiesNamingAnotherTenantsIndex() {
        assertForbidden("POST", "/yellow-tracking/_msearch", "{\"index\":\"blue-tracking\"}\n{}\n");
        assertForbidden("POST", "/yellow-tracking/_bulk",
                "{\"index\":{\"_index\":\"blue-tracking\",\"_id\":\"planted\"}}\n{\"tenant\":\"yellow\"}\n");
        assertForbidden("POST", "/yellow-tracking/_mget", "{\"docs\":[{\"_index\":\"blue-tracking\",\"_id\":\"e1\"}]}");
    }

    @Test
    void shouldRefuseDeletingEvenItsOwnIndexBecauseNoPolicyGrantsIt() {
        assertForbidden("DELETE", "/yellow-tracking", null);
    }

    @Test
    void shouldRefuseExpiredCredentials() {
        OpenSearchClient shortLived = client(clients.tenant("yellow"));
        CLOCK.advance(Duration.ofSeconds(901));
        try {
            assertRefused(() -> shortLived.get(get -> get.index("yellow-tracking").id("e1"), Map.class),
                    "expired");
        } finally {
            CLOCK.advance(Duration.ofSeconds(-901));
        }
    }

    private static void assertForbidden(String method, String endpoint, String json) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
        if (json != null) {
            request.json(json);
        }
        assertRefused(() -> yellow.generic().execute(request.build()), "is not authorized to perform: es:");
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OpenSearchException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
