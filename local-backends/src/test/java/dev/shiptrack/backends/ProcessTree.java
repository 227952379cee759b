package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A snapshot of a server's process and its descendants, taken while it runs, to check nothing outlives it. */
final class ProcessTree {

    private final List<ProcessHandle> processes;

    private ProcessTree(List<ProcessHandle> processes) {
        this.processes = processes;
    }

    static ProcessTree of(ProcessHandle root) {
        return new ProcessTree(Stream.concat(Stream.of(root), root.descendants()).collect(Collectors.toList()));
    }

    void assertRunning() {
        assertThat(processes.get(0).isAlive()).as("server process %d", processes.get(0).pid()).isTrue();
    }

    void assertAllStopped() {
        assertThat(processes).as("processes of the server").noneMatch(ProcessHandle::isAlive);
    }
}
