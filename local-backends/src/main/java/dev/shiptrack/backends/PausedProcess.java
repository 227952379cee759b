package dev.shiptrack.backends;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A process tree stopped with SIGSTOP until {@link #close()} sends SIGCONT: a backend that hangs (its port accepts
 * connections, nothing answers), the common failure in production, which a refused connection does not show.
 */
public final class PausedProcess implements AutoCloseable {

    private final List<ProcessHandle> tree;

    private PausedProcess(List<ProcessHandle> tree) {
        this.tree = tree;
    }

    /**
     * Stops {@code process} and its descendants: the process first, then each generation of descendants until none
     * is new, because a stopped process cannot fork (PostgreSQL's postmaster forks a backend per connection, and
     * restarts them all after one crashes), so none is missed.
     */
    public static PausedProcess pause(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(List.of(process));
        signal("STOP", tree);
        List<ProcessHandle> unstopped;
        while (!(unstopped = process.descendants().filter(child -> !tree.contains(child)).toList()).isEmpty()) {
            signal("STOP", unstopped);
            tree.addAll(unstopped);
        }
        return new PausedProcess(List.copyOf(tree));
    }

    /** Stops the process {@code pid} and its descendants. */
    public static PausedProcess pause(long pid) {
        return pause(ProcessHandle.of(pid).orElseThrow(() -> new IllegalArgumentException("no process " + pid)));
    }

    /**
     * Kills the stopped tree (SIGKILL) as a crash of its machine would: all at once, none left running, none given
     * a chance to clean up.
     */
    public void kill() {
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** Lets the tree run again. */
    @Override
    public void close() {
        signal("CONT", tree);
    }

    /** One {@code kill} for all of them: one process start instead of one per process. */
    private static void signal(String signal, List<ProcessHandle> processes) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        try {
            int status = new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
            if (status != 0 && processes.stream().allMatch(ProcessHandle::isAlive)) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
