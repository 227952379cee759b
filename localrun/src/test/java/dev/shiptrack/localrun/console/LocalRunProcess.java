package dev.shiptrack.localrun.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shiptrack.localrun.LaunchedLocalRun;

/**
 * {@code ./local-run --free-ports} with an empty data folder of its own, as a newcomer starts it; its output is
 * echoed with a prefix, and the URLs of its ready line are read back.
 */
final class LocalRunProcess implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("local-run.root", "..")).toAbsolutePath().normalize();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern READY = Pattern.compile("ready in .*web console (?<console>http://[^\\s/]+)/ .*"
            + "Keycloak (?<keycloak>http://\\S+) .*AWS edge (?<edge>http://[^;,\\s]+)");

    private final LaunchedLocalRun run;
    private final Path dataDir;
    private final Matcher ready;

    private LocalRunProcess(LaunchedLocalRun run, Path dataDir, Matcher ready) {
        this.run = run;
        this.dataDir = dataDir;
        this.ready = ready;
    }

    static LocalRunProcess start() throws Exception {
        Path dataDir = Files.createTempDirectory("web-console-it");
        long begin = System.nanoTime();
        LaunchedLocalRun run = LaunchedLocalRun.start(ROOT, List.of("--free-ports", "--data-dir", dataDir.toString()),
                READY);
        try {
            Matcher urls = run.awaitReady(READY_TIMEOUT);
            System.out.printf("./local-run was ready after %.1f s%n", (System.nanoTime() - begin) / 1e9);
            return new LocalRunProcess(run, dataDir, urls);
        } catch (Exception e) {
            new LocalRunProcess(run, dataDir, null).close();
            throw e;
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

    /** SIGTERM (the launcher stops what it started), the run's logs kept under target/, the data folder deleted. */
    @Override
    public void close() throws IOException {
        run.stopWhateverIsLeft();
        LaunchedLocalRun.keepLogs(dataDir, ROOT.resolve("localrun/target/web-console-it-logs"));
        LaunchedLocalRun.deleteFolder(dataDir);
    }
}
