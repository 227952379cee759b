package dev.shiptrack.localrun;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.KeycloakServer;
import dev.shiptrack.backends.LocalServer;
import dev.shiptrack.backends.OpenSearchServer;
import dev.shiptrack.backends.PostgresServer;
import dev.shiptrack.backends.S3ProxyServer;
import dev.shiptrack.localaws.LocalAwsEdge;
import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.config.LocalRunOptions;
import dev.shiptrack.localrun.config.PortPlan;
import dev.shiptrack.localrun.process.DevModeEnvFile;
import dev.shiptrack.localrun.process.EdgeProcess;
import dev.shiptrack.localrun.process.ServiceProcess;
import dev.shiptrack.localrun.process.SupervisedBackend;
import dev.shiptrack.backends.ShipmentDatabase;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.localrun.seed.DemoData;
import dev.shiptrack.localrun.seed.DemoTenants;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Starts the whole system on 127.0.0.1, prints one ready line, and stops everything it started on Ctrl-C or
 * SIGTERM; with {@code --backends-only} everything but the services, which then run in Quarkus dev mode. Started by
 * the root script {@code ./local-run}; see docs/local-run.md.
 */
public final class LocalRun {

    /** The audience of config/keycloak/tracking-realm.json that both services pin. */
    static final String AUDIENCE = "shiptrack-api";
    /** Secret of the realm's confidential client tenant-service (config/keycloak/tracking-realm.json). */
    static final String TENANT_SERVICE_CLIENT_SECRET = "tenant-service-local-secret";

    /** s3proxy's own key, known only to the edge. */
    private static final String S3PROXY_ACCESS_KEY = "s3proxy-local";
    private static final String S3PROXY_SECRET_KEY = "s3proxy-local-secret";
    /** Marks a folder as a data folder of this launcher, the only kind --fresh deletes. */
    private static final String DATA_MARKER = "local-run.data";
    /** Marks a data folder that holds the demo tenants and data, which --backends-only then does not load again. */
    private static final String SEEDED_MARKER = "demo-data.loaded";
    /** How long a stop waits, in all, for servers still starting in the background. */
    private static final Duration BACKGROUND_START_GRACE = Duration.ofMinutes(2);
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(3);
    /** A hostname registered through the tenant API is routed by both services at most this long after. */
    private static final String ROUTES_REFRESH = "2s";
    /** Two registry reads and a margin. */
    private static final String STORAGE_MOVE_DRAIN = "5s";

    private final Path root;
    private final LocalRunOptions options;
    private final PortPlan ports;
    private final Path logs;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Servers starting in the background; a stop waits for them so that none outlives the launcher. */
    private final List<CompletableFuture<?>> starting = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "local-run-start");
        thread.setDaemon(true);
        return thread;
    });
    private boolean stopping;

    private LocalRun(Path root, LocalRunOptions options, PortPlan ports) {
        this.root = root;
        this.options = options;
        this.ports = ports;
        this.logs = options.dataDir().resolve("logs");
    }

    /** The edge's audit trail in the logs folder; the web console's isolation lab follows it. */
    private static final String AUDIT_FILE = "aws-edge-audit.jsonl";

    public static void main(String[] args) {
        // Set up logging (JBoss LogManager, see ./local-run) before the start threads do: concurrent first use
        // deadlocks in the class initialization of the log manager.
        java.util.logging.LogManager.getLogManager();
        Path root = Path.of(System.getProperty("local-run.root", ".")).toAbsolutePath().normalize();
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(List.of(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println("local-run: " + e.getMessage() + "\n" + LocalRunOptions.USAGE);
            System.exit(2);
            return;
        }
        PortPlan ports = options.ports();
        try {
            ports.requireAllFree();
        } catch (PortPlan.PortTakenException e) {
            System.err.println("local-run: " + e.getMessage());
            System.exit(1);
        }
        LocalRun run = new LocalRun(root, options, ports);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "local-run-stop"));
        try {
            run.start();
        } catch (Exception e) {
            System.err.println("local-run: could not start: " + e.getMessage());
            System.exit(1);
        }
        run.awaitStop();
    }

    private void start() throws Exception {
        long begin = System.nanoTime();
        Path data = options.dataDir();
        if (options.fresh()) {
            deleteDataFolder(data);
        }
        Files.createDirectories(logs);
        if (!Files.exists(data.resolve(DATA_MARKER))) {
            Files.writeString(data.resolve(DATA_MARKER), "Data of ./local-run; ./local-run --fresh deletes this folder.\n");
        }
        say("starting Keycloak, PostgreSQL, DynamoDB Local, s3proxy, OpenSearch and the local AWS edge (data in "
                + shown(data) + ", logs in " + shown(logs) + ")");

        // Keycloak and OpenSearch are the slowest to start: they come up while the rest does.
        // Every backend is restarted on its port should its process die (SupervisedBackend).
        CompletableFuture<SupervisedBackend<KeycloakServer>> keycloakStart = inBackground(() ->
                SupervisedBackend.start("Keycloak", ports.keycloak(), port -> KeycloakServer.start(
                        data.resolve("keycloak"), port, root.resolve("config/keycloak")), LocalRun::say));
        CompletableFuture<SupervisedBackend<OpenSearchServer>> openSearchStart = inBackground(() ->
                SupervisedBackend.start("OpenSearch", 0, port -> OpenSearchServer.start(data.resolve("opensearch"),
                        port), LocalRun::say));

        PostgresServer postgres = track(SupervisedBackend.start("PostgreSQL", 0,
                port -> PostgresServer.start(data.resolve("postgres"), port), LocalRun::say)).current();
        ShipmentDatabase database = new ShipmentDatabase(postgres.host(), postgres.port(), postgres.superuser(),
                postgres.superuserPassword());
        database.createRolesAndDatabase();
        LocalServer dynamoDb = track(SupervisedBackend.start("DynamoDB Local", 0,
                port -> DynamoDbLocalServer.start(data.resolve("dynamodb"), port), LocalRun::say));
        // s3proxy checks one static key; the edge re-signs the requests it allowed with it.
        LocalServer s3 = track(SupervisedBackend.start("s3proxy", 0,
                port -> S3ProxyServer.start(data.resolve("s3"), port, S3PROXY_ACCESS_KEY, S3PROXY_SECRET_KEY),
                LocalRun::say));
        LocalServer openSearch = await(openSearchStart);
        // The edge is a backend like the others: its own process, restarted on its port if it dies, its sessions kept.
        URI edge = track(SupervisedBackend.start("AWS edge", ports.awsEdge(),
                port -> EdgeProcess.start(port, dynamoDb.endpoint(), s3.endpoint(), S3PROXY_ACCESS_KEY,
                        S3PROXY_SECRET_KEY, openSearch.endpoint(), logs.resolve(AUDIT_FILE),
                        data.resolve("aws-edge/sessions.jsonl")), LocalRun::say)).endpoint();
        new TrackingStores(edge, LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY).createIfMissing();
        say(String.format("PostgreSQL, DynamoDB Local, s3proxy, OpenSearch and the edge up after %.0f s", seconds(begin)));
        URI keycloak = await(keycloakStart).endpoint();

        URI trackingUrl = local(ports.trackingService());
        URI shipmentUrl = local(ports.shipmentService());
        URI tenantUrl = local(ports.tenantService());
        List<Service> services = List.of(
                new Service("tracking-service", trackingUrl, trackingEnvironment(keycloak, edge)),
                new Service("shipment-service", shipmentUrl,
                        shipmentEnvironment(keycloak, database, trackingUrl, edge)),
                new Service("tenant-service", tenantUrl, tenantEnvironment(keycloak, database, edge)));
        ShiptrackUrls urls = new ShiptrackUrls(keycloak, shipmentUrl, trackingUrl);
        if (options.backendsOnly()) {
            startForLiveCoding(begin, services, urls, tenantUrl, database, edge);
            return;
        }
        say(String.format("Keycloak up after %.0f s; starting tracking-service, shipment-service, tenant-service (%s)"
                + " and the web console", seconds(begin), options.nativeExecutables() ? "native executables" : "JVM"));
        // The web console is always its JVM jar (no native build: it only serves pages and forwards requests).
        URI consoleUrl = local(ports.webConsole());
        ServiceProcess console = track(ServiceProcess.startJar("web-console",
                root.resolve("web-console/target/quarkus-app/quarkus-run.jar"),
                consoleEnvironment(keycloak, shipmentUrl, trackingUrl, tenantUrl, edge),
                logs.resolve("web-console.log")));
        startServices(begin, services);
        console.awaitHealthy(consoleUrl.resolve("/q/health/ready"), SERVICE_START_TIMEOUT);
        seed(urls, tenantUrl);
        System.out.printf("local-run: ready in %.0f s: web console %s/ (users alice, bob, carol, olivia), shipments %s/shipments, tracking %s/tracking, tenants %s/tenants"
                        + " (operator olivia), Swagger UI %s/q/swagger-ui and %s/q/swagger-ui, health %s/q/health and"
                        + " %s/q/health, Keycloak %s (realm tracking, users alice, bob, carol, olivia, password = user"
                        + " name), AWS edge %s; Ctrl-C stops everything%n",
                seconds(begin), consoleUrl, shipmentUrl, trackingUrl, tenantUrl, shipmentUrl, trackingUrl, shipmentUrl,
                trackingUrl, keycloak, edge);
    }

    /**
     * {@code --backends-only}: the backends are up; the services run in Quarkus dev mode, started by the user. On a
     * data folder not seeded yet, the services run once from their jars for the seed and stop again. Each service's
     * settings go to {@code <module>/.env}, read by its dev mode; then one line a service says how to start it.
     */
    private void startForLiveCoding(long begin, List<Service> services, ShiptrackUrls urls, URI tenantUrl,
            ShipmentDatabase database, URI edge) throws Exception {
        if (!Files.exists(options.dataDir().resolve(SEEDED_MARKER))) {
            say(String.format("Keycloak up after %.0f s; starting tracking-service, shipment-service and tenant-service"
                    + " (JVM) once, to onboard the demo tenants and load the demo data into this data folder",
                    seconds(begin)));
            List<ServiceProcess> seeders = startServices(begin, services);
            seed(urls, tenantUrl);
            seeders.forEach(this::stopNow);
            say(String.format("demo data in place after %.0f s; the services stopped again", seconds(begin)));
        }
        for (Service service : services) {
            DevModeEnvFile settings = track(DevModeEnvFile.write(root.resolve(service.module()), service.environment()));
            say(service.module() + " (" + service.url() + ", settings in " + shown(settings.file()) + "): ./mvnw -pl "
                    + service.module() + " quarkus:dev");
        }
        System.out.printf("local-run: backends ready in %.0f s (no services: start them in dev mode with the commands"
                        + " above): Keycloak %s (realm tracking, users alice, bob, carol, olivia, password = user"
                        + " name), AWS edge %s, PostgreSQL %s; Ctrl-C stops everything%n",
                seconds(begin), urls.keycloak(), edge, database.jdbcUrl());
    }

    /** A service of the system: its module, where it answers, and the environment it runs with. */
    private record Service(String module, URI url, Map<String, String> environment) {
    }

    /** Starts the services (jar or native executable) and waits until each is healthy. */
    private List<ServiceProcess> startServices(long begin, List<Service> services) throws Exception {
        List<ServiceProcess> processes = new ArrayList<>();
        for (Service service : services) {
            processes.add(track(startService(service.module(), service.environment())));
        }
        List<String> readyAfter = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Duration ready = processes.get(i).awaitHealthy(services.get(i).url().resolve("/q/health/ready"),
                    SERVICE_START_TIMEOUT);
            readyAfter.add(String.format("%.2f s", ready.toNanos() / 1e9));
        }
        say(String.format("services healthy after %.0f s (ready %s after their process started)", seconds(begin),
                String.join(", ", readyAfter)));
        return processes;
    }

    /**
     * Onboards the demo tenants through tenant-service, loads the demo data through the data plane (both leave a
     * seeded folder as it is) and marks the data folder as seeded.
     */
    private void seed(ShiptrackUrls urls, URI tenantUrl) throws Exception {
        new DemoTenants(tenantUrl, urls.keycloak()).onboard();
        int seeded = new DemoData(urls).load();
        if (seeded > 0) {
            say("loaded " + seeded + " demo shipments for yellow (alice) and blue (bob)");
        }
        Files.writeString(options.dataDir().resolve(SEEDED_MARKER),
                "The demo tenants and data are in this folder; ./local-run --backends-only does not load them again.\n");
    }

    private Map<String, String> trackingEnvironment(URI keycloak, URI edge) {
        return Map.ofEntries(
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(ports.trackingService())),
                Map.entry("OIDC_AUTH_SERVER_URL", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("OIDC_ISSUER", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("OIDC_AUDIENCE", AUDIENCE),
                Map.entry("QUARKUS_STS_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_TYPE", "static"),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalAwsEdge.TRACKING_SERVICE_ACCESS_KEY),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", LocalAwsEdge.TRACKING_SERVICE_SECRET_KEY),
                Map.entry("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("QUARKUS_S3_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("TRACKING_S3_PATH_STYLE", "true"),
                Map.entry("TRACKING_OPENSEARCH_ENDPOINT", edge.toString()),
                Map.entry("TENANT_ROUTING_MODE", "host"),
                Map.entry("TENANT_ROUTING_REGISTRY_REFRESH_INTERVAL", ROUTES_REFRESH),
                Map.entry("TENANT_ROUTING_LIMITS_ENABLED", Boolean.toString(options.rateLimits())),
                Map.entry("_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
    }

    private Map<String, String> shipmentEnvironment(URI keycloak, ShipmentDatabase database, URI tracking, URI edge) {
        return Map.ofEntries(
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(ports.shipmentService())),
                Map.entry("SHIPMENT_OIDC_URL", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("SHIPMENT_OIDC_ISSUER", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("SHIPMENT_OIDC_AUDIENCE", AUDIENCE),
                Map.entry("SHIPMENT_DB_URL", database.reactiveUrl()),
                Map.entry("SHIPMENT_DB_USER", ShipmentDatabase.APP_ROLE),
                Map.entry("SHIPMENT_DB_PASSWORD", ShipmentDatabase.APP_PASSWORD),
                Map.entry("SHIPMENT_MIGRATION_JDBC_URL", database.jdbcUrl()),
                Map.entry("SHIPMENT_MIGRATION_USER", ShipmentDatabase.OWNER_ROLE),
                Map.entry("SHIPMENT_MIGRATION_PASSWORD", ShipmentDatabase.OWNER_PASSWORD),
                Map.entry("TRACKING_SERVICE_URL", tracking.toString()),
                // The routes registry, read with shipment-service's own key (ShipmentServiceRole) through the edge.
                Map.entry("TENANT_ROUTING_MODE", "host"),
                Map.entry("TENANT_ROUTING_REGISTRY_REFRESH_INTERVAL", ROUTES_REFRESH),
                Map.entry("TENANT_ROUTING_LIMITS_ENABLED", Boolean.toString(options.rateLimits())),
                Map.entry("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("QUARKUS_STS_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_TYPE", "static"),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalAwsEdge.SHIPMENT_SERVICE_ACCESS_KEY),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", LocalAwsEdge.SHIPMENT_SERVICE_SECRET_KEY),
                // No OpenTelemetry collector runs locally; logs for people, not for a log pipeline.
                Map.entry("QUARKUS_OTEL_SDK_DISABLED", "true"),
                Map.entry("_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
    }

    private Map<String, String> tenantEnvironment(URI keycloak, ShipmentDatabase database, URI edge) {
        return Map.ofEntries(
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(ports.tenantService())),
                Map.entry("OIDC_AUTH_SERVER_URL", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("OIDC_ISSUER", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("OIDC_AUDIENCE", AUDIENCE),
                Map.entry("IDENTITY_ADMIN_URL", keycloak.toString()),
                Map.entry("IDENTITY_ADMIN_CLIENT_SECRET", TENANT_SERVICE_CLIENT_SECRET),
                Map.entry("TENANT_ACCEPT_ADMIN_PASSWORD", "true"),
                // A storage move waits this long for the services to re-read the registry (every ROUTES_REFRESH).
                Map.entry("TENANT_SERVICE_STORAGE_MOVE_DRAIN", STORAGE_MOVE_DRAIN),
                Map.entry("TENANT_DB_JDBC_URL", database.jdbcUrl()),
                Map.entry("TENANT_DB_USER", ShipmentDatabase.PROVISIONER_ROLE),
                Map.entry("TENANT_DB_PASSWORD", ShipmentDatabase.PROVISIONER_PASSWORD),
                Map.entry("TENANT_DB_ROLE_LOCAL_PASSWORD", ShipmentDatabase.TENANT_ROLE_PASSWORD),
                Map.entry("QUARKUS_STS_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_TYPE", "static"),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalAwsEdge.TENANT_SERVICE_ACCESS_KEY),
                Map.entry("QUARKUS_STS_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", LocalAwsEdge.TENANT_SERVICE_SECRET_KEY),
                Map.entry("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("QUARKUS_S3_ENDPOINT_OVERRIDE", edge.toString()),
                Map.entry("TRACKING_S3_PATH_STYLE", "true"),
                Map.entry("TRACKING_OPENSEARCH_ENDPOINT", edge.toString()));
    }

    /** The web console, with its isolation lab on: it plays tracking-service (its local key) against the edge. */
    private Map<String, String> consoleEnvironment(URI keycloak, URI shipment, URI tracking, URI tenants, URI edge) {
        return Map.ofEntries(
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(ports.webConsole())),
                Map.entry("CONSOLE_SHIPMENT_SERVICE", shipment.toString()),
                Map.entry("CONSOLE_TRACKING_SERVICE", tracking.toString()),
                Map.entry("CONSOLE_TENANT_SERVICE", tenants.toString()),
                Map.entry("CONSOLE_REALM", KeycloakTokens.issuer(keycloak).toString()),
                Map.entry("CONSOLE_LAB_ENABLED", "true"),
                Map.entry("CONSOLE_LAB_AUDIT_FILE", logs.resolve(AUDIT_FILE).toString()),
                Map.entry("CONSOLE_LAB_AWS_EDGE", edge.toString()),
                Map.entry("CONSOLE_LAB_ACCESS_KEY", LocalAwsEdge.TRACKING_SERVICE_ACCESS_KEY),
                Map.entry("CONSOLE_LAB_SECRET_KEY", LocalAwsEdge.TRACKING_SERVICE_SECRET_KEY));
    }

    private <T extends AutoCloseable> CompletableFuture<T> inBackground(Supplier<T> start) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> track(start.get()), background);
        starting.add(future);
        return future;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The module's JVM jar, or with {@code --native} its native executable. */
    private ServiceProcess startService(String module, Map<String, String> environment) throws IOException {
        Path log = logs.resolve(module + ".log");
        Path target = root.resolve(module).resolve("target");
        return options.nativeExecutables()
                ? ServiceProcess.startExecutable(module, target, environment, log)
                : ServiceProcess.startJar(module, target.resolve("quarkus-app/quarkus-run.jar"), environment, log);
    }

    /** Remembers what to stop; refuses (and stops) anything that finishes starting after a stop began. */
    private <T extends AutoCloseable> T track(T resource) {
        synchronized (started) {
            if (!stopping) {
                started.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        throw new IllegalStateException("stopping");
    }

    /** Stops what was started for a while only (the services that seed a --backends-only run), now. */
    private void stopNow(AutoCloseable resource) {
        synchronized (started) {
            started.remove(resource);
        }
        closeQuietly(resource);
    }

    /** Stops everything in reverse start order; runs from the shutdown hook and after a failed start. */
    private void stop() {
        synchronized (started) {
            stopping = true;
        }
        long deadline = System.nanoTime() + BACKGROUND_START_GRACE.toNanos();
        for (CompletableFuture<?> start : starting) {
            try {
                // A server still starting would outlive the JVM: let it finish; track() then stops it.
                start.handle((server, failure) -> server).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notFinished) {
                System.err.println("local-run: a server was still starting when the launcher stopped; check for leftovers");
            }
        }
        while (true) {
            AutoCloseable next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            closeQuietly(next);
        }
        stopped.countDown();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("local-run: stopping " + resource + " failed: " + e.getMessage());
        }
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A path relative to the project when it is inside it. */
    private String shown(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void say(String message) {
        System.out.println("local-run: " + message);
    }

    /** Deletes a data folder, but only one this launcher made (it has the marker file) or an empty one. */
    private static void deleteDataFolder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (!Files.exists(dir.resolve(DATA_MARKER)) && entries.findAny().isPresent()) {
                throw new IOException("--fresh refuses to delete " + dir + ": it is not a data folder of ./local-run"
                        + " (no " + DATA_MARKER + " file in it)");
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
