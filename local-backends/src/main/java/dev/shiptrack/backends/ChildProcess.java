package dev.shiptrack.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server running as a child process: output in a log file, started within a bounded time, and stopped together
 * with all its descendants on {@link #close()} or when this JVM exits.
 */
final class ChildProcess implements AutoCloseable {

    /** Polls whether the server answers; an exception counts as "not yet". */
    @FunctionalInterface
    interface Readiness {
        boolean ready() throws Exception;
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} with its output in {@code log} and waits until {@code readiness} holds; on timeout or
     * early exit the process tree is destroyed and the exception names the log and quotes its last lines.
     */
    static ChildProcess start(String name, ProcessBuilder command, Path log, Duration timeout, Readiness readiness) {
        long startedAt = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command.command()) + ")", e);
        }
        ChildProcess child = new ChildProcess(name, process, log);
        try {
            child.awaitReady(readiness, startedAt + timeout.toNanos(), timeout);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        StartTimes.record(name, Duration.ofNanos(System.nanoTime() - startedAt));
        return child;
    }

    private void awaitReady(Readiness readiness, long deadline, Duration timeout) {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; log: " + log + tail());
            }
            if (isReady(readiness)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; log: "
                        + log + tail());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static boolean isReady(Readiness readiness) {
        try {
            return readiness.ready();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server", e);
        } catch (Exception notYet) {
            return false;
        }
    }

    /** The process itself (for tests that check nothing outlives {@link #close()}). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return log;
    }

    /** The last lines of the log, prefixed with a line break, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return " (log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; it finds the process already stopped
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .collect(Collectors.toList());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception notStopped) {
                handle.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server", e);
        }
    }

    /** The java launcher of the running JVM, for servers that run as java child processes. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
