package dev.shiptrack.localrun.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevModeEnvFileTest {

    @TempDir
    Path module;

    @Test
    void shouldWriteTheEnvironmentForTheDevProfileOnly() throws Exception {
        DevModeEnvFile.write(module, Map.of("QUARKUS_HTTP_PORT", "18081",
                "OIDC_AUTH_SERVER_URL", "http://127.0.0.1:18180/realms/tracking",
                "_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));

        assertThat(Files.readAllLines(module.resolve(".env"))).containsExactly(DevModeEnvFile.FIRST_LINE,
                "_DEV_OIDC_AUTH_SERVER_URL=http://127.0.0.1:18180/realms/tracking",
                "_DEV_QUARKUS_HTTP_PORT=18081");
    }

    @Test
    void shouldOverwriteItsOwnFileAndDeleteItWhenClosed() throws Exception {
        DevModeEnvFile.write(module, Map.of("QUARKUS_HTTP_PORT", "18081"));

        DevModeEnvFile settings = DevModeEnvFile.write(module, Map.of("QUARKUS_HTTP_PORT", "28081"));

        assertThat(Files.readAllLines(settings.file())).contains("_DEV_QUARKUS_HTTP_PORT=28081")
                .doesNotContain("_DEV_QUARKUS_HTTP_PORT=18081");
        settings.close();
        assertThat(module.resolve(".env")).doesNotExist();
    }

    @Test
    void shouldRefuseToOverwriteAnEnvFileItDidNotWrite() throws Exception {
        Files.write(module.resolve(".env"), List.of("MY_OWN_SETTING=1"));

        assertThatThrownBy(() -> DevModeEnvFile.write(module, Map.of("QUARKUS_HTTP_PORT", "18081")))
                .hasMessageContaining("not written by ./local-run");
        assertThat(Files.readAllLines(module.resolve(".env"))).containsExactly("MY_OWN_SETTING=1");
    }
}
