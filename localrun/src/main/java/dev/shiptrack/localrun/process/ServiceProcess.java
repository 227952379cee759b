package dev.shiptrack.localrun.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Quarkus service running as a child process, its JVM jar ({@code target/quarkus-app/quarkus-run.jar}) or its
 * native executable ({@code target/*-runner}), configured only through environment variables, with its output in
 * a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** The same heap limit for the JVM and the native executable, so a workshop compares like with like. */
    private static final String MAX_HEAP = "-Xmx384m";

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedAt;

    private ServiceProcess(String name, Process process, Path log, long startedAt) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /** Starts {@code java -jar <jar>} with the given environment added to this process's one. */
    public static ServiceProcess startJar(String name, Path jar, Map<String, String> environment, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
        return start(name, List.of(javaExecutable(), MAX_HEAP, "-jar", jar.toString()), jar.getParent(), environment,
                log);
    }

    /** Starts the native executable {@code <module>/target/*-runner} with the given environment added. */
    public static ServiceProcess startExecutable(String name, Path moduleTarget, Map<String, String> environment,
            Path log) throws IOException {
        Path executable = nativeExecutable(moduleTarget);
        return start(name, List.of(executable.toString(), MAX_HEAP), moduleTarget, environment, log);
    }

    /** The one {@code *-runner} executable a native build leaves in {@code target}. */
    static Path nativeExecutable(Path moduleTarget) throws IOException {
        List<Path> runners;
        try (var files = Files.list(moduleTarget)) {
            runners = files.filter(file -> file.getFileName().toString().endsWith("-runner"))
                    .filter(Files::isExecutable).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            runners = List.of();
        }
        if (runners.size() != 1) {
            throw new IOException("expected one native executable *-runner in " + moduleTarget + ", found " + runners
                    + ": build it with ./native-build --no-tests");
        }
        return runners.get(0);
    }

    /**
     * Starts {@code command} in {@code directory} (a jar, a native executable, or {@code ./mvnw ... quarkus:dev});
     * the environment it adds is also written next to the log ({@code <name>.env}, one
     * {@code KEY=value} per line), so the service can be started again by hand against the same local system.
     */
    public static ServiceProcess start(String name, List<String> command, Path directory,
            Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Files.write(log.resolveSibling(name + ".env"), environment.entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue()).sorted().toList());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        long startedAt = System.nanoTime();
        return new ServiceProcess(name, builder.start(), log, startedAt);
    }

    /**
     * Waits until {@code health} answers 200, failing early (with the log's tail) if the process dies; returns how
     * long after its start the process was healthy (polled every 50 ms).
     */
    public Duration awaitHealthy(URI health, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " while starting; last lines of "
                        + log + ":\n" + tail(log, 30));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(50);
        }
        throw new IOException(name + " was not healthy at " + health + " after " + timeout.toSeconds()
                + " s; last lines of " + log + ":\n" + tail(log, 30));
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, a grace period for Quarkus to shut down, then SIGKILL for the JVM and anything it started. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
