package dev.shiptrack.localrun.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code .env} file through which a service started with {@code ./mvnw -pl <module> quarkus:dev} finds the
 * backends of {@code ./local-run --backends-only}: Quarkus reads {@code .env} from its working directory, and the
 * dev-mode JVM runs in the module's folder. It holds the environment the launcher would start the service with,
 * every key for the dev profile only ({@code _DEV_} prefix): {@code @QuarkusTest} runs in the same folder and must
 * not see it. Deleted when the launcher stops, since the values (PostgreSQL's port among them) hold for one run only.
 */
public final class DevModeEnvFile implements AutoCloseable {

    /** The first line, by which the launcher knows a {@code .env} as its own and may overwrite it. */
    static final String FIRST_LINE = "# Written by ./local-run --backends-only for quarkus:dev, deleted when it stops"
            + " (docs/local-run.md, \"Live coding\")";
    private static final String DEV_PROFILE = "_DEV_";

    private final Path file;

    private DevModeEnvFile(Path file) {
        this.file = file;
    }

    /**
     * Writes {@code <moduleDir>/.env} from the environment of the service; leaves out the variables that name a
     * profile themselves ({@code _PROD_...}). Refuses to overwrite a {@code .env} the launcher did not write.
     */
    public static DevModeEnvFile write(Path moduleDir, Map<String, String> environment) throws IOException {
        Path file = moduleDir.resolve(".env");
        if (Files.exists(file) && !Files.readAllLines(file).stream().findFirst().orElse("").equals(FIRST_LINE)) {
            throw new IOException(file + " exists and was not written by ./local-run: move it away, --backends-only"
                    + " writes the service's dev-mode settings there");
        }
        List<String> lines = new ArrayList<>(List.of(FIRST_LINE));
        environment.entrySet().stream()
                .filter(variable -> !variable.getKey().startsWith("_"))
                .map(variable -> DEV_PROFILE + variable.getKey() + "=" + variable.getValue())
                .sorted()
                .forEach(lines::add);
        Files.write(file, lines);
        return new DevModeEnvFile(file);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
