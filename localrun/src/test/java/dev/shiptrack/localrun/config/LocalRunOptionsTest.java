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
        assertThat(options.ports()).isEqualTo(new PortPlan(8080, 8081, 8082, 8180, 4566, 8083));
        assertThat(options.nativeExecutables()).as("JVM jars unless --native").isFalse();
        assertThat(options.rateLimits()).as("rate limits on unless --no-rate-limits").isTrue();
        assertThat(options.backendsOnly()).as("the services too unless --backends-only").isFalse();
    }

    @Test
    void shouldReadEveryOption() {
        LocalRunOptions options = LocalRunOptions.parse(
                List.of("--fresh", "--ports", "18080,18081,18082,18180,14566,18083", "--data-dir", "tmp/run", "--native",
                        "--no-rate-limits"), ROOT);

        assertThat(options.dataDir()).isEqualTo(Path.of("/project/tmp/run"));
        assertThat(options.fresh()).isTrue();
        assertThat(options.ports()).isEqualTo(new PortPlan(18080, 18081, 18082, 18180, 14566, 18083));
        assertThat(options.nativeExecutables()).isTrue();
        assertThat(options.rateLimits()).isFalse();
    }

    @Test
    void shouldReadBackendsOnlyAndRefuseItWithNative() {
        assertThat(LocalRunOptions.parse(List.of("--backends-only", "--free-ports"), ROOT).backendsOnly()).isTrue();
        assertThatThrownBy(() -> LocalRunOptions.parse(List.of("--backends-only", "--native"), ROOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--native cannot go with --backends-only");
    }

    @Test
    void shouldPickFreePortsOtherThanTheDocumentedOnes() {
        PortPlan ports = LocalRunOptions.parse(List.of("--free-ports"), ROOT).ports();

        assertThat(ports).isNotEqualTo(PortPlan.documented());
        assertThat(ports.byName().values()).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseAnUnknownOptionByName() {
        assertThatThrownBy(() -> LocalRunOptions.parse(List.of("--frsh"), ROOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--frsh");
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> LocalRunOptions.parse(List.of("--data-dir"), ROOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--data-dir");
    }

    @Test
    void shouldRefuseAnIncompletePortList() {
        assertThatThrownBy(() -> LocalRunOptions.parse(List.of("--ports", "8080,8081,x"), ROOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("six ports");
    }
}
