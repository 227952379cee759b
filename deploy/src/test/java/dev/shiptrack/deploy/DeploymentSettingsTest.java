package dev.shiptrack.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentSettingsTest {

    private static final String CERTIFICATE =
            "arn:aws:acm:us-east-1:123456789012:certificate/0b5c6a7e-1111-4222-8333-944455566677";

    @Test
    void shouldDefaultToLambdaWithTheComputeAsStage() {
        DeploymentSettings settings = DeploymentSettings.fromContext(new App().getNode());

        assertThat(settings.compute()).isEqualTo(Compute.LAMBDA);
        assertThat(settings.stage()).isEqualTo("lambda");
        assertThat(settings.tenantKeys()).isEmpty();
        assertThat(settings.strictArtifacts()).isFalse();
    }

    @Test
    void shouldReadEveryContextKey() {
        App app = new App(AppProps.builder().context(Map.of("compute", "fargate", "stage", "demo",
                "tenantKeys", "yellow, blue", "oidcIssuer", "https://issuer.example", "oidcClientId", "shiptrack",
                "strictArtifacts", "true")).build());

        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());

        assertThat(settings.compute()).isEqualTo(Compute.FARGATE);
        assertThat(settings.stage()).isEqualTo("demo");
        assertThat(settings.tenantKeys()).containsExactly("yellow", "blue");
        assertThat(settings.oidcIssuer()).contains("https://issuer.example");
        assertThat(settings.strictArtifacts()).isTrue();
    }

    @Test
    void shouldReadTheEdgeSettingsAndDefaultToTheExampleDomainWithoutCertificate() {
        DeploymentSettings defaults = DeploymentSettings.fromContext(new App().getNode());
        App app = new App(AppProps.builder().context(Map.of("tenantBaseDomain", "tenants.shiptrack.io",
                "edgeCertificateArn", CERTIFICATE, "edgeSecretsRevision", "2026-12")).build());

        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());

        assertThat(defaults.tenantBaseDomain()).isEqualTo(DeploymentSettings.EXAMPLE_BASE_DOMAIN);
        assertThat(defaults.edgeCertificate()).isEmpty();
        assertThat(defaults.edgeSecretsRevision()).isEqualTo("1");
        assertThat(settings.tenantBaseDomain()).isEqualTo("tenants.shiptrack.io");
        assertThat(settings.edgeCertificate()).contains(CERTIFICATE);
        assertThat(settings.edgeSecretsRevision()).isEqualTo("2026-12");
    }

    /** The base domain is written into the edge function's code: nothing but a lowercase DNS name gets there. */
    @Test
    void shouldRefuseABaseDomainThatIsNotALowercaseDnsName() {
        for (String domain : List.of("localhost", "Shiptrack.Example.com", "*.example.com", "example.com.",
                "a'.example.com", "example..com", "-x.example.com", "x.example.com:443")) {
            App app = new App(AppProps.builder().context(Map.of("tenantBaseDomain", domain)).build());
            assertThatThrownBy(() -> DeploymentSettings.fromContext(app.getNode())).as(domain)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantBaseDomain");
        }
    }

    @Test
    void shouldRefuseAnEdgeCertificateOutsideUsEast1() {
        App app = new App(AppProps.builder().context(Map.of("edgeCertificateArn",
                CERTIFICATE.replace("us-east-1", "eu-west-1"))).build());

        assertThatThrownBy(() -> DeploymentSettings.fromContext(app.getNode())).hasMessageContaining("us-east-1");
    }

    @Test
    void shouldRefuseAnUnknownComputeTarget() {
        App app = new App(AppProps.builder().context(Map.of("compute", "ec2")).build());

        assertThatThrownBy(() -> DeploymentSettings.fromContext(app.getNode()))
                .hasMessageContaining("lambda, fargate");
    }

    @Test
    void shouldRefuseTenantIdsWithDelimitersOrWildcards() {
        for (String tenant : List.of("yel*", "yellow#1", "ab", "Yellow", "a/b")) {
            assertThatThrownBy(() -> settings("dev", List.of(tenant))).as(tenant)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseStagesThatDoNotFitPhysicalNames() {
        for (String stage : List.of("", "Dev", "1dev", "averyverylongstage", "dev-1")) {
            assertThatThrownBy(() -> settings(stage, List.of())).as(stage).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseToSynthesizeWithoutNativeArtifactsWhenStrict() {
        App app = new App(AppProps.builder().context(Map.of("compute", "lambda", "strictArtifacts", "true",
                "projectRoot", Path.of("..").toString())).build());
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        Assumptions.assumeFalse(settings.hasNativeFunctionZip(ServiceEnvironment.TRACKING_SERVICE),
                "a native function.zip exists");

        assertThatThrownBy(() -> ShipTrackApp.build(app, settings)).hasMessageContaining("function.zip");
    }

    @Test
    void shouldTellANativeFunctionZipFromAJvmOne(@TempDir Path root) throws IOException {
        DeploymentSettings settings = new DeploymentSettings(Compute.LAMBDA, "test", List.of(), Optional.empty(),
                Optional.empty(), false, root, DeploymentSettings.EXAMPLE_BASE_DOMAIN, Optional.empty(), "1");
        Files.createDirectories(root.resolve("tracking-service/target"));
        zip(settings.functionZip("tracking-service"), "io/quarkus/Handler.class");
        assertThat(settings.hasNativeFunctionZip("tracking-service")).isFalse();

        zip(settings.functionZip("tracking-service"), "bootstrap");
        assertThat(settings.hasNativeFunctionZip("tracking-service")).isTrue();
        assertThat(settings.hasNativeFunctionZip("shipment-service")).isFalse();
    }

    private static void zip(Path file, String entry) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(1);
            out.closeEntry();
        }
    }

    private static DeploymentSettings settings(String stage, List<String> tenants) {
        return new DeploymentSettings(Compute.LAMBDA, stage, tenants, Optional.empty(), Optional.empty(), false,
                Path.of(".."), DeploymentSettings.EXAMPLE_BASE_DOMAIN, Optional.empty(), "1");
    }
}
