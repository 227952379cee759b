package dev.shiptrack.deploy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The command-line tools some tests shell out to, which a machine may lack (the tests then skip, saying so). */
final class InstalledTool {

    private InstalledTool() {
    }

    /** Whether {@code command} (a tool's version query) runs and exits 0 within a minute. */
    static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
