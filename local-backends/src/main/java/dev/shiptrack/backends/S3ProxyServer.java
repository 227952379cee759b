package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * s3proxy, an S3-compatible server, as a child java process (its jar bundles Jetty, jclouds and Guava) storing
 * objects as files. It accepts only requests signed (AWS SigV4) with the one access key given at start; clients
 * must use path-style addressing ({@code http://127.0.0.1:<port>/<bucket>/<key>}).
 */
public final class S3ProxyServer extends ProcessServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private S3ProxyServer(ChildProcess process, URI endpoint, Path temporaryDir) {
        super(process, endpoint, temporaryDir);
    }

    /**
     * Starts s3proxy on 127.0.0.1.
     *
     * @param dataDir where buckets (folders under {@code blobs/}), the configuration and the log go, kept between
     *     runs; {@code null} for a temporary folder deleted on close
     * @param port the port, or 0 for a free one
     * @param accessKey the only access key accepted
     * @param secretKey its secret key
     */
    public static S3ProxyServer start(Path dataDir, int port, String accessKey, String secretKey) {
        int chosenPort = FreePorts.choose(port, "s3proxy");
        Path workDir = WorkDirs.createOrTemp(dataDir, "shiptrack-s3proxy-");
        URI endpoint = URI.create("http://" + FreePorts.HOST + ":" + chosenPort);
        try {
            Path blobs = Files.createDirectories(workDir.resolve("blobs"));
            Path configuration = writeConfiguration(workDir, endpoint, blobs, accessKey, secretKey);
            Path jar = BackendArtifacts.file("s3proxy.jar", "org.gaul", "s3proxy",
                    BackendArtifacts.version("s3proxy"), "jar-with-dependencies", "jar");
            List<String> command = List.of(ChildProcess.javaExecutable(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-jar", jar.toString(), "--properties", configuration.toString());
            ChildProcess process = ChildProcess.start("s3proxy", new ProcessBuilder(command).directory(
                    workDir.toFile()), workDir.resolve("s3proxy.log"), START_TIMEOUT,
                    () -> Http.status(endpoint) > 0);
            return new S3ProxyServer(process, endpoint, dataDir == null ? workDir : null);
        } catch (IOException e) {
            WorkDirs.deleteIfTemporary(dataDir, workDir);
            throw new UncheckedIOException("Cannot prepare s3proxy in " + workDir, e);
        } catch (RuntimeException e) {
            WorkDirs.deleteIfTemporary(dataDir, workDir);
            throw e;
        }
    }

    private static Path writeConfiguration(Path workDir, URI endpoint, Path blobs, String accessKey,
            String secretKey) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint.toString());
        properties.setProperty("s3proxy.authorization", "aws-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", blobs.toAbsolutePath().toString());
        Path file = workDir.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Written by S3ProxyServer on every start");
        }
        return file;
    }
}
