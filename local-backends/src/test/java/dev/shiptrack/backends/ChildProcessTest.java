package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldStopTheProcessAndAllItsDescendantsOnClose() {
        Path ready = dir.resolve("ready");
        ProcessTree tree;
        try (ChildProcess child = ChildProcess.start("sleepers", shell("sleep 300 & sleep 300 & touch ready; wait"),
                dir.resolve("sleepers.log"), TIMEOUT, () -> Files.exists(ready))) {
            tree = ProcessTree.of(child.handle());
            assertThat(child.handle().descendants()).hasSize(2);
            tree.assertRunning();
        }
        tree.assertAllStopped();
    }

    @Test
    void shouldStopAProcessNobodyClosedWhenTheJvmExits() throws Exception {
        Process jvm = new ProcessBuilder(ChildProcess.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                AbandoningJvmMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(output).isZero();
        long childPid = Long.parseLong(output.lines().filter(line -> line.matches("\\d+")).findFirst()
                .orElseThrow(() -> new AssertionError("no pid in: " + output)));

        assertThat(ProcessHandle.of(childPid).filter(ProcessHandle::isAlive)).as("child %d", childPid).isEmpty();
    }

    @Test
    void shouldFailNamingTheLogAndQuotingItWhenTheServerIsNotReadyInTime() {
        Path log = dir.resolve("slow.log");

        assertThatThrownBy(() -> ChildProcess.start("slow server", shell("echo warming up; exec sleep 300"), log,
                Duration.ofSeconds(2), () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slow server was not ready within 2 s")
                .hasMessageContaining(log.toString())
                .hasMessageContaining("warming up");
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 300"));
    }

    @Test
    void shouldFailWithTheExitCodeWhenTheServerExitsBeforeItIsReady() {
        assertThatThrownBy(() -> ChildProcess.start("broken server", shell("echo bad configuration; exit 3"),
                dir.resolve("broken.log"), TIMEOUT, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken server exited with code 3 before it was ready")
                .hasMessageContaining("bad configuration");
    }

    private ProcessBuilder shell(String script) {
        return new ProcessBuilder("sh", "-c", script).directory(dir.toFile());
    }
}
