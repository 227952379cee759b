package dev.shiptrack.localrun.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./local-run --free-ports} with an empty data folder of its own, as a newcomer starts it; its output is
 * echoed with a prefix, and the URLs of its ready line are read back.
 */
final class LocalRunProcess implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("local-run.root", "..")).toAbsolutePath().normalize();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern READY = Pattern.compile("ready in .*web console (?<console>http://[^\\s/]+)/ .*"
            + "Keycloak (?<keycloak>http://\\S+) .*AWS edge (?<edge>http://[^;,\\s]+)");

    private final Process process;
    private final Path dataDir;
    private final Matcher ready;

    private LocalRunProcess(Process process, Path dataDir, Matcher ready) {
        this.process = process;
        this.dataDir = dataDir;
        this.ready = ready;
    }

    static LocalRunProcess start() throws Exception {
        Path dataDir = Files.createTempDirectory("web-console-it");
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(ROOT.resolve("local-run").toString(), "--free-ports", "--data-dir",
                dataDir.toString()).directory(ROOT.toFile()).redirectErrorStream(true).start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> echo(process, ready), "local-run-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher urls = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.out.printf("./local-run was ready after %.1f s%n", (System.nanoTime() - begin) / 1e9);
            return new LocalRunProcess(process, dataDir, urls);
        } catch (Exception e) {
            new LocalRunProcess(process, dataDir, null).close();
            throw e;
        }
    }

    private static void echo(Process process, CompletableFuture<Matcher> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[local-run] " + line);
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher);
                }
            }
            ready.completeExceptionally(new IllegalStateException("./local-run ended before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    URI console() {
        return URI.create(ready.group("console"));
    }

    URI keycloak() {
        return URI.create(ready.group("keycloak"));
    }

    URI edge() {
        return URI.create(ready.group("edge"));
    }

    Path dataDir() {
        return dataDir;
    }

    /** SIGTERM (the launcher stops what it started), then the data folder is deleted. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
