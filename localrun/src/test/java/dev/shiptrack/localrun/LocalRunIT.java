package dev.shiptrack.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.localrun.client.ApiClient;
import dev.shiptrack.localrun.client.ApiClient.Answer;
import dev.shiptrack.localrun.client.KeycloakTokens;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.seed.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the system the way the README does ({@code ./local-run}, here with free ports and an empty data folder),
 * walks through docs/walkthrough.md with real Keycloak tokens, checks every answer including the refusals, and
 * stops it with SIGTERM. With {@code -Dlocal-run.native=true} ({@code ./native-build} sets it) the services run as
 * native executables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunIT {

    private static final Path ROOT = Path.of(System.getProperty("local-run.root", "..")).toAbsolutePath().normalize();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern READY = Pattern.compile(
            "shipments (?<shipment>http://\\S+)/shipments.*tracking (?<tracking>http://\\S+)/tracking.*"
                    + "Keycloak (?<keycloak>http://\\S+) .*AWS edge (?<edge>http://[^;,\\s]+)");
    private static final String TRACKING_ACCESS_ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";

    private static final ApiClient API = new ApiClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dataDir;
    private static Process localRun;
    private static final List<String> output = new ArrayList<>();
    private static ShiptrackUrls urls;
    private static URI edge;
    private static KeycloakTokens tokens;

    private static String aliceShipment;
    private static String bobShipment;

    @BeforeAll
    static void startTheLocalRun() throws Exception {
        dataDir = Files.createTempDirectory("local-run-it");
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("local-run").toString(), "--free-ports", "--data-dir",
                dataDir.toString()));
        if (Boolean.getBoolean("local-run.native")) {
            command.add("--native");
        }
        localRun = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "local-run-output");
        reader.setDaemon(true);
        reader.start();

        Matcher urlsOfTheRun = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        System.out.printf("./local-run was ready after %.1f s%n", (System.nanoTime() - begin) / 1e9);
        urls = new ShiptrackUrls(URI.create(urlsOfTheRun.group("keycloak")), URI.create(urlsOfTheRun.group("shipment")),
                URI.create(urlsOfTheRun.group("tracking")));
        edge = URI.create(urlsOfTheRun.group("edge"));
        tokens = new KeycloakTokens(urls.keycloak());
    }

    private static void readOutput(CompletableFuture<Matcher> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(localRun.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[local-run] " + line);
                synchronized (output) {
                    output.add(line);
                }
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher);
                }
            }
            ready.completeExceptionally(new IllegalStateException("./local-run ended before it was ready: " + output));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    @AfterAll
    static void stopWhateverIsLeft() throws IOException {
        if (localRun != null && localRun.isAlive()) {
            localRun.descendants().forEach(ProcessHandle::destroyForcibly);
            localRun.destroyForcibly();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void shouldGiveAliceATokenCarryingHerTenant() throws Exception {
        JsonNode claims = claims(tokens.accessToken("alice", "alice"));

        assertThat(claims.path("tenantId").asText()).isEqualTo("yellow");
        assertThat(claims.path("iss").asText()).isEqualTo(KeycloakTokens.issuer(urls.keycloak()).toString());
        assertThat(claims.path("aud").toString()).contains("shiptrack-api");
    }

    @Test
    @Order(2)
    void shouldHaveLoadedTheDemoDataForYellowAndBlue() throws Exception {
        JsonNode yellow = API.get(urls.shipments(), alice()).expect(200, "alice lists").json();
        JsonNode blue = API.get(urls.shipments(), bob()).expect(200, "bob lists").json();

        assertThat(yellow.findValuesAsText("orderReference")).contains("YELLOW-1001", "YELLOW-1002")
                .noneMatch(reference -> reference.startsWith("BLUE"));
        assertThat(blue.findValuesAsText("orderReference")).contains("BLUE-2001")
                .noneMatch(reference -> reference.startsWith("YELLOW"));
        bobShipment = blue.path("items").get(0).path("id").asText();
    }

    @Test
    @Order(3)
    void shouldLetAliceCreateAShipmentAndTrackIt() throws Exception {
        Answer created = API.postJson(urls.shipments(), alice(),
                DemoData.newShipment("WALK-0001", "Hamburg", "Munich", "DE", "DHL")).expect(201, "alice creates");
        aliceShipment = created.json().path("id").asText();

        API.postJson(urls.events(aliceShipment), alice(), Map.of("status", "IN_TRANSIT", "location", "Hannover hub",
                "note", "Walkthrough parcel passed Hannover")).expect(201, "alice adds IN_TRANSIT");
        API.postJson(urls.events(aliceShipment), alice(), Map.of("status", "OUT_FOR_DELIVERY", "location", "Munich"))
                .expect(201, "alice adds OUT_FOR_DELIVERY");
        JsonNode eta = API.get(urls.eta(aliceShipment), alice()).expect(200, "alice reads the ETA").json();
        JsonNode shipment = API.get(urls.shipment(aliceShipment), alice()).expect(200, "alice reads her shipment").json();

        assertThat(eta.path("status").asText()).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(eta.path("estimatedDelivery").isMissingNode() || eta.path("estimatedDelivery").isNull()).isFalse();
        assertThat(shipment.path("orderReference").asText()).isEqualTo("WALK-0001");
    }

    @Test
    @Order(4)
    void shouldFindAlicesEventBySearchButNotForBob() throws Exception {
        JsonNode hits = searchUntilFound("Hannover", aliceShipment);
        JsonNode bobsHits = API.get(urls.search("Hannover"), bob()).expect(200, "bob searches").json();

        assertThat(hits.path("events").findValuesAsText("shipmentId")).contains(aliceShipment);
        assertThat(bobsHits.path("events").findValuesAsText("shipmentId")).doesNotContain(aliceShipment);
    }

    @Test
    @Order(5)
    void shouldStoreAndReturnAlicesDocument() throws Exception {
        byte[] document = "Signed by A. Yellow\n".getBytes(StandardCharsets.UTF_8);

        API.put(urls.document(aliceShipment, "delivery-note.txt"), alice(), "text/plain", document)
                .expect(201, "alice uploads a document");
        Answer fetched = API.get(urls.document(aliceShipment, "delivery-note.txt"), alice())
                .expect(200, "alice fetches her document");

        assertThat(fetched.body()).isEqualTo("Signed by A. Yellow\n");
    }

    @Test
    @Order(6)
    void shouldRefuseAlicesShipmentToBobAsNotFound() throws Exception {
        Answer shipment = API.get(urls.shipment(aliceShipment), bob());
        Answer eta = API.get(urls.eta(aliceShipment), bob());
        Answer document = API.get(urls.document(aliceShipment, "delivery-note.txt"), bob());

        for (Answer refused : List.of(shipment, eta, document)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("WALK-0001", "Signed by");
        }
    }

    @Test
    @Order(7)
    void shouldRefuseCarolBecauseHerTenantIsSuspended() throws Exception {
        Answer refused = API.get(urls.shipments(), tokens.accessToken("carol", "carol"));

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("status").asInt()).isEqualTo(403);
    }

    @Test
    @Order(8)
    void shouldRefuseAndAuditAForgedCrossTenantRequestAtTheEdge() throws Exception {
        Path audit = dataDir.resolve("logs/aws-edge-audit.jsonl");
        int decisionsBefore = Files.exists(audit) ? Files.readAllLines(audit).size() : 0;
        Credentials yellow = yellowSessionFromTheTrackingServiceKeys();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(edge)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        yellow.accessKeyId(), yellow.secretAccessKey(), yellow.sessionToken())))
                .build()) {

            int ownEvents = dynamoDb.query(q -> q.tableName("TrackingData").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("yellow#" + aliceShipment)))).count();
            assertThatThrownBy(() -> dynamoDb.query(q -> q.tableName("TrackingData").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("blue#" + bobShipment)))))
                    .isInstanceOfSatisfying(DynamoDbException.class,
                            refused -> assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            assertThat(ownEvents).as("the same credentials read yellow's own events").isGreaterThanOrEqualTo(3);
        }

        List<String> lines = Files.readAllLines(audit);
        List<JsonNode> newDecisions = new ArrayList<>();
        for (String line : lines.subList(decisionsBefore, lines.size())) {
            newDecisions.add(JSON.readTree(line));
        }
        assertThat(newDecisions)
                .anySatisfy(decision -> {
                    assertThat(decision.path("action").asText()).isEqualTo("dynamodb:Query");
                    assertThat(decision.path("tags").path("TenantID").asText()).isEqualTo("yellow");
                    assertThat(decision.path("decision").asText()).endsWith("DENIED");
                });
    }

    @Test
    @Order(9)
    void shouldStopEveryProcessItStartedOnSigterm() throws Exception {
        List<ProcessHandle> started = localRun.descendants().toList();
        assertThat(started).as("the services run as child processes").hasSizeGreaterThanOrEqualTo(2);

        localRun.destroy();

        assertThat(localRun.waitFor(2, TimeUnit.MINUTES)).as("./local-run ended after SIGTERM").isTrue();
        for (ProcessHandle child : started) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("%s (%s) is still running", child.pid(), child.info().commandLine().orElse("?"))
                    .isFalse();
        }
    }

    /** Events become searchable when OpenSearch refreshes the index (about a second). */
    private static JsonNode searchUntilFound(String query, String shipmentId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode hits;
        do {
            hits = API.get(urls.search(query), alice()).expect(200, "alice searches").json();
            if (hits.path("events").findValuesAsText("shipmentId").contains(shipmentId)) {
                return hits;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return hits;
    }

    private static Credentials yellowSessionFromTheTrackingServiceKeys() {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(edge)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIALOCALTRACKING001", "tracking-service-local-secret")))
                .build()) {
            return sts.assumeRole(r -> r.roleArn(TRACKING_ACCESS_ROLE).roleSessionName("walkthrough-yellow")
                    .tags(Tag.builder().key("TenantID").value("yellow").build())).credentials();
        }
    }

    private static String alice() throws Exception {
        return tokens.accessToken("alice", "alice");
    }

    private static String bob() throws Exception {
        return tokens.accessToken("bob", "bob");
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
