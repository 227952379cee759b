package dev.shiptrack.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.localrun.client.ApiClient;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.process.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live coding as docs/local-run.md describes it: {@code ./local-run --backends-only} (free ports, an empty data
 * folder), then tracking-service in Quarkus dev mode with the command the launcher prints, which finds the backends
 * through the {@code .env} the launcher wrote; called with real Keycloak tokens. Writes the modules' {@code .env}
 * files and compiles into {@code tracking-service/target}: do not run it while you live-code (it puts back any
 * {@code .env} it found).
 * <p>
 * The nested Maven resolves the project's own modules from a repository of its own in {@code localrun/target} (the
 * build's repository stays untouched, read-only behind it): {@code quarkus:dev -pl X} takes them from a repository,
 * and {@code -am} would start local-aws, a Quarkus application too, in dev mode first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveCodingIT {

    private static final Path ROOT = Path.of(System.getProperty("local-run.root", "..")).toAbsolutePath().normalize();
    /** The repository of the build that runs this test (failsafe passes it); the nested Maven only reads it. */
    private static final Path BUILD_REPOSITORY = Path.of(System.getProperty("local-run.maven-repository",
            System.getProperty("user.home") + "/.m2/repository"));
    private static final Path WORK = ROOT.resolve("localrun/target/live-coding");
    private static final List<String> MODULES = List.of("tracking-service", "shipment-service", "tenant-service");
    private static final Duration BACKENDS_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DEV_MODE_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SERVICE = Pattern.compile(
            "local-run: (?<module>[a-z-]+) \\((?<url>http://[^,]+), settings in [^)]+\\): (?<command>\\./mvnw .+)$");
    private static final Pattern READY = Pattern.compile("local-run: backends ready in .* Keycloak (?<keycloak>http://\\S+) ");

    private static final ApiClient API = new ApiClient();

    /** The modules' .env files as they were before the test (a live-coding session's), put back afterwards. */
    private static final Map<Path, byte[]> envFilesBefore = new HashMap<>();
    private static Path dataDir;
    private static LaunchedLocalRun run;
    private static ServiceProcess devMode;
    private static ShiptrackUrls urls;
    private static KeycloakTokens tokens;
    private static String aliceShipment;

    @BeforeAll
    static void startTheBackendsAndTrackingServiceInDevMode() throws Exception {
        // Should this JVM end before @AfterAll (Ctrl-C of the build), nothing started here may outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(LiveCodingIT::stopEverything, "live-coding-it-stop"));
        for (String module : MODULES) {
            Path env = ROOT.resolve(module).resolve(".env");
            if (Files.exists(env)) {
                envFilesBefore.put(env, Files.readAllBytes(env));
            }
        }
        Files.createDirectories(WORK);
        dataDir = Files.createTempDirectory("live-coding-it");
        long begin = System.nanoTime();
        run = LaunchedLocalRun.start(ROOT, List.of("--backends-only", "--free-ports", "--data-dir", dataDir.toString()),
                READY);

        // While the backends start: the project's modules into the nested Maven's own repository.
        long installBegin = System.nanoTime();
        maven(WORK.resolve("install.log"), "install", "-DskipTests", "-Dquarkus.build.skip=true",
                "-pl", "tracking-service,!tracking-service", "-am");
        System.out.printf("the project's modules were installed for dev mode in %.1f s%n", seconds(installBegin));

        Matcher backends = run.awaitReady(BACKENDS_TIMEOUT);
        System.out.printf("./local-run --backends-only was ready after %.1f s%n", seconds(begin));
        Matcher tracking = run.output().stream().map(SERVICE::matcher).filter(Matcher::find)
                .filter(line -> line.group("module").equals("tracking-service")).findFirst()
                .orElseThrow(() -> new AssertionError("./local-run printed no command for tracking-service"));
        urls = new ShiptrackUrls(URI.create(backends.group("keycloak")), null, URI.create(tracking.group("url")));
        tokens = new KeycloakTokens(urls.keycloak());

        List<String> command = new ArrayList<>(List.of(tracking.group("command").split(" ")));
        command.addAll(nestedMavenOptions());
        // No debugger port, no console and no analytics question: nobody is at the keyboard.
        command.addAll(List.of("-B", "-Ddebug=false", "-Dquarkus.console.enabled=false",
                "-Dquarkus.analytics.disabled=true"));
        devMode = ServiceProcess.start("tracking-service-dev-mode", command, ROOT, Map.of(),
                WORK.resolve("tracking-service-dev-mode.log"));
        Duration firstAnswer = devMode.awaitHealthy(urls.trackingService().resolve("/q/health/ready"), DEV_MODE_TIMEOUT);
        System.out.printf("tracking-service in dev mode answered %.1f s after ./mvnw started%n", firstAnswer.toNanos() / 1e9);
    }

    /** Runs the nested Maven to its end; fails with the end of its log. */
    private static void maven(Path log, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q"));
        command.addAll(List.of(arguments));
        command.addAll(nestedMavenOptions());
        Process maven = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!maven.waitFor(MAVEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || maven.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; end of " + log + ":\n"
                        + String.join("\n", lastLines(log, 30)));
            }
        } finally {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
    }

    /** The nested Maven's own repository, with the build's behind it, read-only. */
    private static List<String> nestedMavenOptions() {
        return List.of("-Dmaven.repo.local=" + WORK.resolve("repository"), "-Dmaven.repo.local.tail=" + BUILD_REPOSITORY);
    }

    private static void stopEverything() {
        if (devMode != null) {
            devMode.close();
        }
        if (run != null) {
            run.stopWhateverIsLeft();
        }
    }

    @AfterAll
    static void stopEverythingAndPutTheEnvFilesBack() throws IOException {
        stopEverything();
        for (String module : MODULES) {
            Path env = ROOT.resolve(module).resolve(".env");
            if (envFilesBefore.containsKey(env)) {
                Files.write(env, envFilesBefore.get(env));
            } else {
                Files.deleteIfExists(env);
            }
        }
        if (dataDir != null) {
            LaunchedLocalRun.deleteFolder(dataDir);
        }
    }

    @Test
    @Order(1)
    void shouldRunTrackingServiceInDevModeOnThePortTheLauncherChose() throws Exception {
        int port = urls.trackingService().getPort();
        List<String> log = Files.readAllLines(WORK.resolve("tracking-service-dev-mode.log"));

        assertThat(log).anyMatch(line -> line.contains("Listening on: " + urls.trackingService()))
                .anyMatch(line -> line.contains("Profile dev activated. Live Coding activated."));
        assertThat(Files.readAllLines(ROOT.resolve("tracking-service/.env"))).contains("_DEV_QUARKUS_HTTP_PORT=" + port)
                .allMatch(line -> line.startsWith("#") || line.startsWith("_DEV_"));
    }

    @Test
    @Order(2)
    void shouldShowAliceHerDemoShipmentThroughTheEdge() throws Exception {
        JsonNode hits = API.get(urls.search("Hamburg"), alice()).expect(200, "alice searches").json();
        aliceShipment = hits.path("events").findValuesAsText("shipmentId").stream().findFirst()
                .orElseThrow(() -> new AssertionError("alice's demo shipment YELLOW-1001 is not found: " + hits));

        JsonNode history = API.get(urls.events(aliceShipment), alice()).expect(200, "alice reads her events").json();

        assertThat(history.path("events").findValuesAsText("status")).contains("IN_TRANSIT", "OUT_FOR_DELIVERY");
    }

    @Test
    @Order(3)
    void shouldNotShowBobAlicesShipment() throws Exception {
        ApiClient.Answer bobs = API.get(urls.events(aliceShipment), tokens.accessToken("bob", "bob"));
        JsonNode bobsHits = API.get(urls.search("Hamburg"), tokens.accessToken("bob", "bob"))
                .expect(200, "bob searches").json();

        assertThat(bobs.status()).as("bob asks for alice's events: %s", bobs).isEqualTo(404);
        assertThat(bobsHits.path("events").findValuesAsText("shipmentId")).doesNotContain(aliceShipment);
    }

    @Test
    @Order(4)
    void shouldRefuseARequestWithoutAToken() throws Exception {
        assertThat(API.get(urls.events(aliceShipment), null).status()).isEqualTo(401);
    }

    @Test
    @Order(99)
    void shouldStopTheBackendsAndDeleteTheEnvFilesOnSigterm() throws Exception {
        devMode.close();

        run.assertStopsEverythingOnSigterm();

        assertThat(MODULES).allMatch(module -> !Files.exists(ROOT.resolve(module).resolve(".env")));
    }

    private static String alice() throws Exception {
        return tokens.accessToken("alice", "alice");
    }

    private static List<String> lastLines(Path file, int count) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
