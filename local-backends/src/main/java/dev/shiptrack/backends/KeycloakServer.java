package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keycloak in development mode ({@code kc.sh start-dev}: plain HTTP, H2 file database) on 127.0.0.1, importing the
 * realms of a folder at start. Each working folder gets its own Keycloak home (the distribution's 470 jars are
 * linked from the cache, the rest copied) because Keycloak writes its build output and database into its home.
 */
public final class KeycloakServer extends ProcessServer {

    private static final String ADMIN_USERNAME = "admin";
    private static final String ADMIN_PASSWORD = "admin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern REALM_NAME = Pattern.compile("\"realm\"\\s*:\\s*\"([^\"]+)\"");
    /** The jars of the distribution: read-only, so shared with the cache instead of copied. */
    private static final Path SHARED_JARS = Path.of("lib", "lib");
    /** Keycloak's build output: made for production in the distribution, rebuilt by the first start-dev. */
    private static final Path BUILD_OUTPUT = Path.of("lib", "quarkus");

    private KeycloakServer(ChildProcess process, URI endpoint, Path temporaryDir) {
        super(process, endpoint, temporaryDir);
    }

    /**
     * Starts Keycloak and waits until every imported realm is served.
     *
     * @param workDir where the Keycloak home ({@code keycloak-<version>/}, with its database) and the log go, kept
     *     between runs (a second start skips Keycloak's build step and is faster); {@code null} for a temporary
     *     folder deleted on close
     * @param port the HTTP port, or 0 for a free one
     * @param realmImportDir a folder of realm files ({@code *.json}) imported at start unless the realm exists;
     *     {@code null} for none
     */
    public static KeycloakServer start(Path workDir, int port, Path realmImportDir) {
        int httpPort = FreePorts.choose(port, "Keycloak");
        Path dir = WorkDirs.createOrTemp(workDir, "shiptrack-keycloak-");
        URI endpoint = URI.create("http://" + FreePorts.HOST + ":" + httpPort);
        try {
            String version = BackendArtifacts.version("keycloak");
            Path distribution = Distributions.unpacked("keycloak", version, BackendArtifacts.file("keycloak.zip",
                    "org.keycloak", "keycloak-quarkus-dist", version, null, "zip"));
            Path devBuild = Distributions.cacheRoot().resolve("keycloak-" + version + "-dev-build");
            Path home = instanceHome(distribution, devBuild, dir.resolve("keycloak-" + version));
            // WRITE_DELAY=0: the H2 file database writes each commit before the answer; by default it writes up to
            // 500 ms later, so a killed Keycloak lost changes it had acknowledged (KeycloakServerTest).
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=" + FreePorts.HOST, "--http-port=" + httpPort,
                    "--http-management-port=" + FreePorts.next(), "--db-url-properties=;WRITE_DELAY=0"));
            List<String> realms = List.of();
            if (realmImportDir != null) {
                command.add("--import-realm");
                realms = copyRealms(realmImportDir, home.resolve("data/import"));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
            // C1 only: the start-up is mostly class loading and one-off work, which C2 compiles for nothing
            environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            List<URI> readiness = (realms.isEmpty() ? List.of("master") : realms).stream()
                    .map(realm -> endpoint.resolve("/realms/" + realm)).toList();
            ChildProcess process = ChildProcess.start("Keycloak", builder, dir.resolve("keycloak.log"),
                    START_TIMEOUT, () -> allAnswerOk(readiness));
            keepDevBuild(home, devBuild);
            return new KeycloakServer(process, endpoint, workDir == null ? dir : null);
        } catch (IOException e) {
            WorkDirs.deleteIfTemporary(workDir, dir);
            throw new UncheckedIOException("Cannot prepare Keycloak in " + dir, e);
        } catch (RuntimeException e) {
            WorkDirs.deleteIfTemporary(workDir, dir);
            throw e;
        }
    }

    private static boolean allAnswerOk(List<URI> uris) throws IOException, InterruptedException {
        for (URI uri : uris) {
            if (Http.status(uri) != 200) {
                return false;
            }
        }
        return true;
    }

    /**
     * This working folder's Keycloak home, made on first use from the cached distribution and, once a start-dev
     * has run anywhere, its cached build output, which spares every later new home Keycloak's build step.
     */
    private static Path instanceHome(Path distribution, Path devBuild, Path home) throws IOException {
        if (Files.isDirectory(home)) {
            return home;
        }
        Path staging = Files.createTempDirectory(home.getParent(), ".keycloak-home-");
        boolean withDevBuild = Files.isDirectory(devBuild);
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = distribution.relativize(source);
                Path target = staging.resolve(relative.toString());
                if (relative.equals(SHARED_JARS)) {
                    Files.createSymbolicLink(target, source.toAbsolutePath());
                } else if (relative.startsWith(SHARED_JARS) || withDevBuild && relative.startsWith(BUILD_OUTPUT)) {
                    continue;
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        if (withDevBuild) {
            copyFolder(devBuild, staging.resolve(BUILD_OUTPUT.toString()));
        }
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        return home;
    }

    /** Caches the build output of a successful start-dev for the next new homes (first writer wins). */
    private static void keepDevBuild(Path home, Path devBuild) {
        if (Files.isDirectory(devBuild)) {
            return;
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory(devBuild.getParent(), ".keycloak-dev-build-");
            copyFolder(home.resolve(BUILD_OUTPUT.toString()), staging);
            Files.move(staging, devBuild, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another start cached it first, or the cache is read-only: later starts only take longer
            WorkDirs.deleteRecursively(staging);
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Copies the realm files into the home's import folder and returns the realm names they define. */
    private static List<String> copyRealms(Path realmImportDir, Path importDir) throws IOException {
        Files.createDirectories(importDir);
        List<String> realms = new ArrayList<>();
        try (Stream<Path> files = Files.list(realmImportDir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                Matcher realm = REALM_NAME.matcher(json);
                if (!realm.find()) {
                    throw new IllegalArgumentException("Realm file " + file + " has no \"realm\" name");
                }
                realms.add(realm.group(1));
                Files.copy(file, importDir.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return realms;
    }

    /** The user of the master realm's administrator, created at first start. */
    public String adminUsername() {
        return ADMIN_USERNAME;
    }

    /** The password of {@link #adminUsername()}. */
    public String adminPassword() {
        return ADMIN_PASSWORD;
    }
}
