package dev.shiptrack.localrun.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalRunOptionsTest {

    private static final Path ROOT = Path.of("/project");

    @Test
    void shouldKeepDataInDotLocalRunOnTheDocumentedPortsByDefault() {
        LocalRunOptions options = LocalRunOptions.parse(List.of(), ROOT);

        assertThat(options.dataDir()).isEqualTo(Path.of("/project/.local-run"));
        assertThat(options.fresh()).isFalse();
        assertThat(options.freePorts()).isFalse();
    }

    @Test
    void shouldReadEveryOption() {
        LocalRunOptions options = LocalRunOptions.parse(List.of("--fresh", "--free-ports", "--data-dir", "tmp/run"), ROOT);

        assertThat(options.dataDir()).isEqualTo(Path.of("/project/tmp/run"));
        assertThat(options.fresh()).isTrue();
        assertThat(options.freePorts()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownOptionByName() {
        assertThatThrownBy(() -> LocalRunOptions.parse(List.of("--frsh"), ROOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--frsh");
    }

    @Test
    void shouldRefuseADataDirWithoutAFolder() {
        assertThatThrownBy(() -> LocalRunOptions.parse(List.of("--data-dir"), ROOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--data-dir");
    }
}
