package dev.shiptrack.backends;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run by {@link ChildProcessTest} in a JVM of its own: starts a child process, prints its pid and exits without
 * closing it, as a test JVM does when it is stopped midway.
 */
public final class AbandoningJvmMain {

    private AbandoningJvmMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        ChildProcess child = ChildProcess.start("abandoned", new ProcessBuilder("sleep", "300").directory(dir.toFile()),
                dir.resolve("abandoned.log"), Duration.ofSeconds(30), () -> true);
        System.out.println(child.handle().pid());
    }
}
