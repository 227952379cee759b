package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenSearch 2.x (the integ-test distribution: no security plugin, plain HTTP) as a single node on 127.0.0.1, with
 * a 512 MB heap and the disk watermarks off. OpenSearch refuses to run as root: when this JVM is root, it runs as
 * the system user {@value #SYSTEM_USER}, which then owns the working folder.
 */
public final class OpenSearchServer extends ProcessServer {

    static final String SYSTEM_USER = "shiptrack-opensearch";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** A small heap, C1 only (faster start on few cores), no hsperfdata files in /tmp. */
    private static final String JAVA_OPTS = "-Xms512m -Xmx512m -XX:TieredStopAtLevel=1 -XX:-UsePerfData";
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    private OpenSearchServer(ChildProcess process, URI endpoint, Path temporaryDir) {
        super(process, endpoint, temporaryDir);
    }

    /**
     * Starts OpenSearch and waits until the cluster health is yellow or green.
     *
     * @param workDir where the configuration ({@code config/}), the indices ({@code data/}), the logs
     *     ({@code logs/}, {@code opensearch.log}) and temporary files ({@code tmp/}) go, kept between runs;
     *     {@code null} for a temporary folder deleted on close
     * @param port the HTTP port, or 0 for a free one
     */
    public static OpenSearchServer start(Path workDir, int port) {
        int httpPort = FreePorts.choose(port, "OpenSearch");
        Path dir = WorkDirs.createOrTemp(workDir, "shiptrack-opensearch-");
        URI endpoint = URI.create("http://" + FreePorts.HOST + ":" + httpPort);
        try {
            String version = BackendArtifacts.version("opensearch");
            Path home = Distributions.unpacked("opensearch", version, BackendArtifacts.file("opensearch.zip",
                    "org.opensearch.distribution.integ-test-zip", "opensearch", version, null, "zip"));
            Path config = writeConfiguration(home, dir, httpPort);
            List<String> command = List.of(home.resolve("bin/opensearch").toString());
            if (UnprivilegedUser.runningAsRoot()) {
                UnprivilegedUser user = UnprivilegedUser.ensure(SYSTEM_USER);
                user.allowTraversalTo(home);
                user.allowTraversalTo(dir);
                user.own(dir);
                command = user.wrap(command);
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
            environment.put("OPENSEARCH_PATH_CONF", config.toString());
            environment.put("OPENSEARCH_JAVA_OPTS", JAVA_OPTS);
            environment.put("OPENSEARCH_TMPDIR", dir.resolve("tmp").toAbsolutePath().toString());
            environment.remove("JAVA_HOME");
            URI health = endpoint.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s");
            ChildProcess process = ChildProcess.start("OpenSearch", builder, dir.resolve("opensearch.log"),
                    START_TIMEOUT, () -> HEALTHY.matcher(Http.get(health).body()).find());
            return new OpenSearchServer(process, endpoint, workDir == null ? dir : null);
        } catch (IOException e) {
            WorkDirs.deleteIfTemporary(workDir, dir);
            throw new UncheckedIOException("Cannot prepare OpenSearch in " + dir, e);
        } catch (RuntimeException e) {
            WorkDirs.deleteIfTemporary(workDir, dir);
            throw e;
        }
    }

    /**
     * A configuration folder of this node: the distribution's logging settings, its JVM options with the relative
     * log and dump paths made absolute (the launcher resolves them against the distribution, which this user may
     * not write to), and our opensearch.yml.
     */
    private static Path writeConfiguration(Path home, Path dir, int httpPort) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("jvm.options.d"));
        Path data = Files.createDirectories(dir.resolve("data")).toAbsolutePath();
        Path logs = Files.createDirectories(dir.resolve("logs")).toAbsolutePath();
        Files.createDirectories(dir.resolve("tmp"));
        Files.copy(home.resolve("config/log4j2.properties"), config.resolve("log4j2.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        String jvmOptions = Files.readString(home.resolve("config/jvm.options"), StandardCharsets.UTF_8)
                .replace("file=logs/", "file=" + logs + "/")
                .replace("-XX:ErrorFile=logs/", "-XX:ErrorFile=" + logs + "/")
                .replace("-XX:HeapDumpPath=data", "-XX:HeapDumpPath=" + data);
        Files.writeString(config.resolve("jvm.options"), jvmOptions, StandardCharsets.UTF_8);
        String settings = String.join("\n",
                "cluster.name: shiptrack-local",
                "node.name: local",
                "path.data: " + data,
                "path.logs: " + logs,
                "network.host: " + FreePorts.HOST,
                "http.port: " + httpPort,
                // the transport port is only used inside this single node, but must not collide with others
                "transport.port: " + FreePorts.next(),
                "discovery.type: single-node",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "bootstrap.memory_lock: false",
                "");
        Files.writeString(config.resolve("opensearch.yml"), settings, StandardCharsets.UTF_8);
        return config;
    }
}
