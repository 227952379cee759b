package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.tvm.routing.EdgeSignature;
import dev.shiptrack.tvm.routing.EdgeSignature.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the edge function's JavaScript, exactly as {@link TenantEdge} deploys it, under Node.js (with a stand-in for
 * CloudFront's key value store; Node's own crypto has the createHmac CloudFront Functions offers) and checks what it
 * hands to the origin with the services' verifier, {@link EdgeSignature}: forged tenant headers gone, the tenant
 * taken from the hostname only, the signature valid for exactly that host and tenant.
 */
class TenantEdgeFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE_DOMAIN = "shiptrack.example.com";
    private static final String SECRET = "s3cr3t-of-the-edge-0123456789abcdef";
    private static final Duration MAX_SKEW = Duration.ofSeconds(300);

    @TempDir
    static Path directory;

    @BeforeAll
    static void installTheFunction() throws IOException {
        assumeTrue(InstalledTool.runs("node", "--version"),
                "node is not installed: the edge function cannot run here");
        Path projectRoot = DeploymentSettings.fromContext(new App().getNode()).projectRoot();
        // CloudFront calls handler() itself; Node needs it exported to call it.
        Files.writeString(directory.resolve("tenant-edge.mjs"),
                TenantEdge.functionCode(projectRoot, BASE_DOMAIN) + "\nexport { handler };\n");
        Path cloudfront = Files.createDirectories(directory.resolve("node_modules/cloudfront"));
        Files.writeString(cloudfront.resolve("package.json"),
                "{\"name\": \"cloudfront\", \"type\": \"module\", \"main\": \"index.mjs\"}");
        copyResource("cloudfront-stub.mjs", cloudfront.resolve("index.mjs"));
        copyResource("run-edge-function.mjs", directory.resolve("run-edge-function.mjs"));
    }

    /** The host as the viewer sent it: CloudFront passes on the case and port the client wrote. */
    @ParameterizedTest
    @ValueSource(strings = {"yellow.shiptrack.example.com", "YELLOW.ShipTrack.Example.COM:443"})
    void shouldSignTheTenantOfTheSubdomain(String viewerHost) throws Exception {
        JsonNode headers = headersOf(run(request(viewerHost, Map.of())));

        assertThat(value(headers, "x-tenant-id")).isEqualTo("yellow");
        assertThat(value(headers, "x-tenant-host")).isEqualTo("yellow.shiptrack.example.com");
        assertThat(verify(headers, "yellow.shiptrack.example.com", "yellow", List.of(SECRET))).isEqualTo(Verdict.VALID);
        // During a rotation the services hold the new secret first and still accept the old one.
        assertThat(verify(headers, "yellow.shiptrack.example.com", "yellow", List.of("the-next-secret", SECRET)))
                .isEqualTo(Verdict.VALID);
        // The signature is bound to tenant, host and secret.
        assertThat(verify(headers, "yellow.shiptrack.example.com", "blue", List.of(SECRET)))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(verify(headers, "blue.shiptrack.example.com", "yellow", List.of(SECRET)))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(verify(headers, "yellow.shiptrack.example.com", "yellow", List.of("another-secret")))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
    }

    @Test
    void shouldReplaceEveryTenantHeaderAClientForged() throws Exception {
        String forgedSignature = EdgeSignature.sign(SECRET, Instant.now().getEpochSecond(), "blue.shiptrack.example.com",
                "blue");
        JsonNode single = headersOf(run(request("yellow.shiptrack.example.com", Map.of(
                "x-tenant-id", List.of("blue"),
                "x-tenant-host", List.of("blue.shiptrack.example.com"),
                "x-edge-signature", List.of(forgedSignature)))));
        JsonNode duplicated = headersOf(run(request("yellow.shiptrack.example.com", Map.of(
                "x-tenant-id", List.of("blue", "green"),
                "x-tenant-host", List.of("blue.shiptrack.example.com", "green.shiptrack.example.com"),
                "x-edge-signature", List.of(forgedSignature, "t=1;v1=" + "0".repeat(64))))));

        for (JsonNode headers : List.of(single, duplicated)) {
            for (String header : List.of("x-tenant-id", "x-tenant-host", "x-edge-signature")) {
                assertThat(headers.path(header).has("multiValue")).as(header + " has one value").isFalse();
            }
            assertThat(value(headers, "x-tenant-id")).isEqualTo("yellow");
            assertThat(value(headers, "x-tenant-host")).isEqualTo("yellow.shiptrack.example.com");
            assertThat(value(headers, "x-edge-signature")).isNotEqualTo(forgedSignature);
            assertThat(verify(headers, "yellow.shiptrack.example.com", "yellow", List.of(SECRET)))
                    .isEqualTo(Verdict.VALID);
            assertThat(verify(headers, "yellow.shiptrack.example.com", "blue", List.of(SECRET)))
                    .isEqualTo(Verdict.WRONG_SIGNATURE);
        }
    }

    /** Any other host resolves no tenant: no X-Tenant-Id, and a signature over the empty tenant. */
    @Test
    void shouldResolveNoTenantForAnyOtherHost() throws Exception {
        for (String host : List.of("evil.example.org", "yellow.shiptrack.example.com.evil.example.org",
                "shiptrack.example.com", "a.yellow.shiptrack.example.com", "ye.shiptrack.example.com",
                "yel_low.shiptrack.example.com", "yellowshiptrack.example.com", "d111111abcdef8.cloudfront.net",
                "x".repeat(33) + ".shiptrack.example.com")) {
            JsonNode headers = headersOf(run(request(host, Map.of("x-tenant-id", List.of("yellow")))));

            assertThat(headers.has("x-tenant-id")).as(host).isFalse();
            assertThat(value(headers, "x-tenant-host")).as(host).isEqualTo(host);
            assertThat(verify(headers, host, "", List.of(SECRET))).as(host).isEqualTo(Verdict.VALID);
            assertThat(verify(headers, host, "yellow", List.of(SECRET))).as(host).isEqualTo(Verdict.WRONG_SIGNATURE);
        }
    }

    /** Before the operator has put the secret into the store, nothing is signed and nothing reaches an origin. */
    @Test
    void shouldAnswer503WithoutASigningSecret() throws Exception {
        JsonNode result = run(request("yellow.shiptrack.example.com", Map.of()), Map.of());

        assertThat(result.path("statusCode").asInt()).isEqualTo(503);
        assertThat(result.has("headers")).isFalse();
    }

    private static ObjectNode request(String host, Map<String, List<String>> extraHeaders) {
        ObjectNode event = JSON.createObjectNode().put("version", "1.0");
        event.putObject("context").put("eventType", "viewer-request");
        event.putObject("viewer").put("ip", "198.51.100.7");
        ObjectNode request = event.putObject("request").put("method", "GET").put("uri", "/shipments");
        request.putObject("querystring");
        request.putObject("cookies");
        ObjectNode headers = request.putObject("headers");
        headers.putObject("host").put("value", host);
        headers.putObject("authorization").put("value", "Bearer token");
        // CloudFront's shape: the first value in "value", every value in "multiValue" when there are several.
        extraHeaders.forEach((name, values) -> {
            ObjectNode header = headers.putObject(name).put("value", values.get(0));
            if (values.size() > 1) {
                ArrayNode all = header.putArray("multiValue");
                values.forEach(value -> all.addObject().put("value", value));
            }
        });
        return event;
    }

    private static JsonNode run(ObjectNode event) throws IOException, InterruptedException {
        return run(event, Map.of(TenantEdge.SIGNING_SECRET_KEY, SECRET));
    }

    /** What the function returned for {@code event}, with {@code store} as its key value store. */
    private static JsonNode run(ObjectNode event, Map<String, String> store) throws IOException, InterruptedException {
        Path input = directory.resolve("events.json");
        Path output = directory.resolve("results.json");
        JSON.writeValue(input.toFile(), JSON.createArrayNode().add(event));
        ProcessBuilder node = new ProcessBuilder("node", "run-edge-function.mjs")
                .directory(directory.toFile())
                .redirectInput(input.toFile())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        node.environment().put("EDGE_TEST_KVS", JSON.writeValueAsString(store));
        Process process = node.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(process.exitValue()).as("node's exit code").isZero();
        JsonNode results = JSON.readTree(output.toFile());
        assertThat(results.size()).isEqualTo(1);
        return results.get(0);
    }

    private static JsonNode headersOf(JsonNode request) {
        assertThat(request.has("statusCode")).as("the request goes on to the origin: " + request).isFalse();
        assertThat(value(request.path("headers"), "authorization")).isEqualTo("Bearer token");
        return request.path("headers");
    }

    private static String value(JsonNode headers, String name) {
        assertThat(headers.has(name)).as(name + " in " + headers).isTrue();
        return headers.path(name).path("value").asText();
    }

    private static Verdict verify(JsonNode headers, String host, String tenant, List<String> secrets) {
        return EdgeSignature.verify(value(headers, "x-edge-signature"), host, tenant, secrets, Instant.now(), MAX_SKEW);
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream resource = TenantEdgeFunctionTest.class.getResourceAsStream("/edge/" + name)) {
            assertThat(resource).as(name).isNotNull();
            Files.copy(resource, target);
        }
    }
}
