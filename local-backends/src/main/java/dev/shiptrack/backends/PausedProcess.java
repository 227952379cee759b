package dev.shiptrack.backends;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process tree stopped with SIGSTOP until {@link #close()} sends SIGCONT: a backend that hangs (its port accepts
 * connections, nothing answers), the common failure in production, which a refused connection does not show.
 */
public final class PausedProcess implements AutoCloseable {

    private final List<ProcessHandle> tree;

    private PausedProcess(List<ProcessHandle> tree) {
        this.tree = tree;
    }

    /** Stops {@code process} and its descendants. */
    public static PausedProcess pause(ProcessHandle process) {
        PausedProcess paused = new PausedProcess(Stream.concat(Stream.of(process), process.descendants()).toList());
        paused.signal("STOP");
        return paused;
    }

    /** Stops {@code process} alone: its children keep running (a launcher hosting a server in its own JVM). */
    public static PausedProcess pauseAlone(ProcessHandle process) {
        PausedProcess paused = new PausedProcess(List.of(process));
        paused.signal("STOP");
        return paused;
    }

    /** Stops the process {@code pid} and its descendants. */
    public static PausedProcess pause(long pid) {
        return pause(ProcessHandle.of(pid).orElseThrow(() -> new IllegalArgumentException("no process " + pid)));
    }

    /** Lets the tree run again. */
    @Override
    public void close() {
        signal("CONT");
    }

    private void signal(String signal) {
        for (ProcessHandle process : tree) {
            try {
                int status = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
                if (status != 0 && process.isAlive()) {
                    throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited " + status);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot signal " + process.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signalling " + process.pid(), e);
            }
        }
    }
}
