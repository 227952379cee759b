package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Synthesizes each compute target once per test run (synth costs seconds) and shares the templates between the
 * test classes. Each template is also written to {@code target/synth/<compute>.template.json} for cfn-lint.
 */
final class SynthesizedStacks {

    /** Tenants that get a KMS key; three of them share a prefix, the case a missing delimiter would break. */
    static final List<String> TENANTS = List.of("yel", "yellow", "yellow2", "blue");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Compute, Synthesized> SYNTHESIZED = new EnumMap<>(Compute.class);

    /** One synthesized stack. */
    record Synthesized(Compute compute, DeploymentSettings settings, Template template, JsonNode json,
                       Path templateFile, Path assembly) {

        JsonNode resources() {
            return json.path("Resources");
        }
    }

    private SynthesizedStacks() {
    }

    static synchronized Synthesized of(Compute compute) {
        return SYNTHESIZED.computeIfAbsent(compute, SynthesizedStacks::synthesize);
    }

    /** Context as the cdk CLI would pass it with {@code -c compute=... -c tenantKeys=...}. */
    static App app(Path outdir, Map<String, Object> context) {
        return new App(AppProps.builder().outdir(outdir.toString()).context(context).build());
    }

    static Path synthDirectory() {
        return Path.of(System.getProperty("deploy.synth.dir", "target/synth"));
    }

    private static Synthesized synthesize(Compute compute) {
        Path directory = synthDirectory();
        Path assembly = directory.resolve(compute.contextValue() + "-assembly");
        App app = app(assembly,
                Map.of("compute", compute.contextValue(), "tenantKeys", String.join(",", TENANTS)));
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode());
        Template template = Template.fromStack(ShipTrackApp.build(app, settings));
        JsonNode json = JSON.valueToTree(template.toJSON());
        Path file = directory.resolve(compute.contextValue() + ".template.json");
        try {
            Files.createDirectories(directory);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Synthesized(compute, settings, template, json, file, assembly);
    }
}
