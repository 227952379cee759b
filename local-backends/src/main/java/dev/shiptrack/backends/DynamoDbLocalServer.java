package dev.shiptrack.backends;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local as a child java process (its libraries, Jetty 12 and Jackson among them, stay off the caller's
 * classpath), listening on 127.0.0.1 only. One database for every access key and region ({@code -sharedDb}); it
 * does not check signatures, but refuses access key ids that are not letters and digits.
 */
public final class DynamoDbLocalServer extends ProcessServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** By name: the class needs DynamoDB Local's jars, which are only on the child's classpath. */
    private static final String MAIN_CLASS = "dev.shiptrack.backends.DynamoDbLocalMain";

    private DynamoDbLocalServer(ChildProcess process, URI endpoint, Path temporaryDir) {
        super(process, endpoint, temporaryDir);
    }

    /**
     * Starts DynamoDB Local on 127.0.0.1.
     *
     * @param dataDir where the database file and the log go, kept between runs; {@code null} keeps the data in
     *     memory (and the log in a temporary folder deleted on close)
     * @param port the port, or 0 for a free one
     */
    public static DynamoDbLocalServer start(Path dataDir, int port) {
        int chosenPort = FreePorts.choose(port, "DynamoDB Local");
        Path workDir = WorkDirs.createOrTemp(dataDir, "shiptrack-dynamodb-");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", childClasspath(), MAIN_CLASS,
                "-port", Integer.toString(chosenPort), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            command.add("-inMemory");
        } else {
            command.addAll(List.of("-dbPath", workDir.toAbsolutePath().toString()));
        }
        URI endpoint = URI.create("http://" + FreePorts.HOST + ":" + chosenPort);
        try {
            ChildProcess process = ChildProcess.start("DynamoDB Local", new ProcessBuilder(command).directory(
                    workDir.toFile()), workDir.resolve("dynamodb-local.log"), START_TIMEOUT,
                    () -> Http.status(endpoint) > 0);
            return new DynamoDbLocalServer(process, endpoint, dataDir == null ? workDir : null);
        } catch (RuntimeException e) {
            WorkDirs.deleteIfTemporary(dataDir, workDir);
            throw e;
        }
    }

    /** DynamoDB Local's jars and this module's classes (for {@link DynamoDbLocalMain}). */
    private static String childClasspath() {
        CodeSource ownCode = DynamoDbLocalServer.class.getProtectionDomain().getCodeSource();
        if (ownCode == null) {
            throw new IllegalStateException("DynamoDB Local can only be started from a JVM (not a native image)");
        }
        try {
            return Path.of(ownCode.getLocation().toURI()) + File.pathSeparator
                    + BackendArtifacts.property("dynamodb-local.classpath");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of local-backends", e);
        }
    }
}
