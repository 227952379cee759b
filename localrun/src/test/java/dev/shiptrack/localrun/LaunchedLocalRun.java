package dev.shiptrack.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./local-run} as the end-to-end tests start it: its output echoed ({@code [local-run] ...}) and kept, its
 * ready line awaited, and everything it started stopped with SIGTERM or, after a failure, killed.
 */
public final class LaunchedLocalRun {

    /** A log line of level WARN or ERROR, as the services (plain text) and the backends write them. */
    private static final Pattern WARNING = Pattern.compile("\\b(WARN|WARNING|ERROR|SEVERE)\\b");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
    /** The processes under ./local-run when it was ready: stopped even if ./local-run itself died since. */
    private final List<ProcessHandle> seenRunning = new CopyOnWriteArrayList<>();

    private LaunchedLocalRun(Process process) {
        this.process = process;
    }

    /** Starts {@code <root>/local-run} with the arguments; {@code readyLine} is found in the line that says ready. */
    public static LaunchedLocalRun start(Path root, List<String> arguments, Pattern readyLine) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("local-run").toString()));
        command.addAll(arguments);
        LaunchedLocalRun run = new LaunchedLocalRun(new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start());
        Thread reader = new Thread(() -> run.readOutput(readyLine), "local-run-output");
        reader.setDaemon(true);
        reader.start();
        return run;
    }

    private void readOutput(Pattern readyLine) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[local-run] " + line);
                synchronized (output) {
                    output.add(line);
                }
                Matcher matcher = readyLine.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher);
                }
            }
            ready.completeExceptionally(new IllegalStateException("./local-run ended before it was ready: " + output()));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** The ready line's match; fails when ./local-run ends first or takes longer than {@code timeout}. */
    public Matcher awaitReady(Duration timeout) throws Exception {
        Matcher line = ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
        seenRunning.addAll(process.descendants().toList());
        return line;
    }

    /** Every line ./local-run printed so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as Ctrl-C would; asserts that ./local-run and every process under it ended. */
    public void assertStopsEverythingOnSigterm() throws Exception {
        List<ProcessHandle> started = process.descendants().toList();
        assertThat(started).as("the servers run as child processes").hasSizeGreaterThanOrEqualTo(2);

        process.destroy();

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("./local-run ended after SIGTERM").isTrue();
        for (ProcessHandle child : started) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("%s (%s) is still running", child.pid(), child.info().commandLine().orElse("?"))
                    .isFalse();
        }
    }

    /**
     * After the tests, or a failure: SIGTERM, so that ./local-run stops its servers (PostgreSQL runs detached from
     * it), then SIGKILL for whatever still runs under it or ran under it when it was ready.
     */
    public void stopWhateverIsLeft() {
        List<ProcessHandle> processes = new ArrayList<>(seenRunning);
        processes.addAll(process.descendants().toList());
        process.destroy();
        try {
            process.waitFor(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        processes.forEach(ProcessHandle::destroyForcibly);
    }

    /** Copies the run's logs out of its data folder, so that a failure can be understood after the fact. */
    public static void keepLogs(Path dataDir, Path kept) throws IOException {
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Prints the last {@code last} warnings and errors of each log in the data folder: when a test fails in CI, the
     * console is all that is kept, and a 503's cause is in the services' logs.
     */
    public static void printWarnings(Path dataDir, int last) {
        Path logs = dataDir.resolve("logs");
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                List<String> warnings = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> WARNING.matcher(line).find()).toList();
                System.out.printf("--- %s: the last %d of %d warnings and errors%n", file.getFileName(),
                        Math.min(last, warnings.size()), warnings.size());
                warnings.subList(Math.max(0, warnings.size() - last), warnings.size())
                        .forEach(line -> System.out.println(line.length() > 600 ? line.substring(0, 600) + " ..." : line));
            }
        } catch (IOException e) {
            System.out.println("--- no logs to print from " + logs + ": " + e);
        }
    }

    /** Deletes a temporary data folder and everything in it. */
    public static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
