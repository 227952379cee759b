package dev.shiptrack.deploy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/isolation-check.sh needs a deployed stack; here its syntax and its refusal to run half-configured. */
class IsolationCheckScriptTest {

    private static final Path SCRIPT = Path.of("isolation-check.sh");

    @Test
    void shouldBeValidBash() throws Exception {
        Process check = new ProcessBuilder("bash", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }

    @Test
    void shouldPrintItsUsageAndChangeNothingWhenAskedForHelp() throws Exception {
        Process help = new ProcessBuilder("bash", SCRIPT.toString(), "--help").redirectErrorStream(true).start();
        String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(help.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage").contains("STACK");
    }
}
