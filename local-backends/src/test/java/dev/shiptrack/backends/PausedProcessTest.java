package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** SIGSTOP and SIGCONT on a real process tree (a shell and its sleeping child), read back from /proc. */
@EnabledOnOs(OS.LINUX)
class PausedProcessTest {

    private Process shell;
    private ProcessHandle child;

    @BeforeEach
    void startAShellWithAChild() throws Exception {
        shell = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shell.toHandle().children().findAny().isEmpty()) {
            assertThat(System.nanoTime()).as("the shell started its child").isLessThan(deadline);
            Thread.sleep(20);
        }
        child = shell.toHandle().children().findFirst().orElseThrow();
    }

    @AfterEach
    void stopThem() throws InterruptedException {
        child.destroyForcibly();
        shell.destroyForcibly();
        shell.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldStopTheWholeTreeUntilClosed() throws Exception {
        try (PausedProcess paused = PausedProcess.pause(shell.toHandle())) {
            assertThat(state(shell.toHandle())).isEqualTo('T');
            assertThat(state(child)).isEqualTo('T');
        }
        assertThat(state(shell.toHandle())).isNotEqualTo('T');
        assertThat(state(child)).isNotEqualTo('T');
    }

    @Test
    void shouldKillTheWholeStoppedTreeAtOnce() throws Exception {
        PausedProcess.pause(shell.toHandle()).kill();

        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).as("the shell died").isTrue();
        assertThat(child.onExit().get(5, TimeUnit.SECONDS).isAlive()).as("its child died with it").isFalse();
    }

    /**
     * The state letter of /proc/<pid>/stat (T: stopped by a signal), once it has settled: a signal is delivered
     * asynchronously, so the state is read until it stays the same for 50 ms (at most a second).
     */
    private static char state(ProcessHandle process) throws IOException, InterruptedException {
        char state = read(process);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(50);
            char again = read(process);
            if (again == state) {
                return state;
            }
            state = again;
        }
        return state;
    }

    private static char read(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
