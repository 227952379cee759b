package dev.shiptrack.localrun;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docker-compose.yml cannot be started here (no Docker engine), but docker-compose can parse and validate it. */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("local-run.root", "..")).toAbsolutePath().normalize();

    @Test
    void shouldBeAValidComposeFile() throws IOException, InterruptedException {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (CI: apt-get install -y docker-compose)");

        Process config = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config", "-q")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(config.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();
        assertThat(config.exitValue()).as("docker-compose config -q said: %s", output).isZero();
    }

    @Test
    void shouldMountTheRealmFileTheLocalRunImports() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));

        assertThat(compose).contains("./config/keycloak/tracking-realm.json:/opt/keycloak/data/import/");
        assertThat(ROOT.resolve("config/keycloak/tracking-realm.json")).isRegularFile();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
