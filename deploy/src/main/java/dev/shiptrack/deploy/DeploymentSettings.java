package dev.shiptrack.deploy;

import software.constructs.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * What one deployment looks like, read from CDK context ({@code cdk deploy -c compute=fargate -c stage=demo}).
 *
 * @param compute         context {@code compute}: {@code lambda} (default) or {@code fargate}
 * @param stage           context {@code stage}: suffix of every physical name, {@code [a-z][a-z0-9]{0,11}};
 *                        defaults to the compute value, so both targets can live in one account
 * @param tenantKeys      context {@code tenantKeys}: comma-separated tenant ids that get a KMS key tagged
 *                        {@code TenantID=<tenant>}; empty by default
 * @param oidcIssuer      context {@code oidcIssuer}: an external OIDC issuer URL; when absent a Cognito user pool
 *                        is created
 * @param oidcClientId    context {@code oidcClientId}: the audience expected from the external issuer
 * @param strictArtifacts context {@code strictArtifacts}: {@code true} makes synth fail when a native artifact
 *                        ({@code function.zip} or {@code *-runner}) has not been built; {@code false} (default)
 *                        synthesizes with a placeholder and a warning
 * @param projectRoot     context {@code projectRoot}: the repository root, {@code ..} from the deploy module
 */
public record DeploymentSettings(Compute compute, String stage, List<String> tenantKeys,
                                 Optional<String> oidcIssuer, Optional<String> oidcClientId,
                                 boolean strictArtifacts, Path projectRoot) {

    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]{0,11}");
    /** The tenant id format of docs/architecture.md: no delimiter can ever appear inside an id. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9]{3,32}");

    public DeploymentSettings {
        if (!STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException("Context 'stage' must match " + STAGE + ", was " + stage);
        }
        for (String tenant : tenantKeys) {
            if (!TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException("Tenant ids in 'tenantKeys' must match " + TENANT + ", was " + tenant);
            }
        }
        if (oidcIssuer.isPresent() != oidcClientId.isPresent()) {
            throw new IllegalArgumentException("Context 'oidcIssuer' and 'oidcClientId' go together");
        }
        tenantKeys = List.copyOf(tenantKeys);
    }

    /** Reads the settings from the context of an app or stack node. */
    public static DeploymentSettings fromContext(Node node) {
        Compute compute = Compute.fromContext(text(node, "compute").orElse(Compute.LAMBDA.contextValue()));
        List<String> tenants = text(node, "tenantKeys")
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        return new DeploymentSettings(compute,
                text(node, "stage").orElse(compute.contextValue()),
                tenants,
                text(node, "oidcIssuer"),
                text(node, "oidcClientId"),
                text(node, "strictArtifacts").map(Boolean::parseBoolean).orElse(false),
                Path.of(text(node, "projectRoot").orElse("..")).toAbsolutePath().normalize());
    }

    /** The native Lambda package built by {@code ./mvnw -pl <service> package -Dnative -Plambda}. */
    public Path functionZip(String service) {
        return projectRoot.resolve(service).resolve("target/function.zip");
    }

    /**
     * Whether {@link #functionZip} holds a native package: a {@code bootstrap} executable at its root. A JVM build
     * with the lambda profile also writes a {@code function.zip}, of classes, which {@code provided.al2023} cannot
     * run.
     */
    public boolean hasNativeFunctionZip(String service) {
        Path zip = functionZip(service);
        if (!Files.isRegularFile(zip)) {
            return false;
        }
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            return archive.getEntry("bootstrap") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The directory a service's container image is built from (its module). */
    public Path serviceDirectory(String service) {
        return projectRoot.resolve(service);
    }

    /** Whether the native executable that {@code Dockerfile.native-micro} copies has been built. */
    public boolean hasNativeRunner(String service) {
        Path target = serviceDirectory(service).resolve("target");
        if (!Files.isDirectory(target)) {
            return false;
        }
        try (var files = Files.list(target)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith("-runner"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }
}
