package dev.shiptrack.deploy;

import software.amazon.awscdk.services.lambda.Code;
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
 * @param tenantBaseDomain context {@code tenantBaseDomain}: the tenants' parent domain, each tenant served as
 *                        {@code <tenant>.<tenantBaseDomain>}; defaults to {@value #EXAMPLE_BASE_DOMAIN}, which
 *                        only lets the stack synthesize (no viewer reaches a tenant through it)
 * @param edgeCertificate context {@code edgeCertificateArn}: an ACM certificate in us-east-1 for
 *                        {@code *.<tenantBaseDomain>}; with it the edge answers for the tenants' hostnames, without
 *                        it only on its own {@code cloudfront.net} name
 * @param edgeSecretsRevision context {@code edgeSecretsRevision}: any new value makes a Lambda deployment read the
 *                        edge secrets again (CloudFormation resolves them only when it updates a function); {@code 1}
 */
public record DeploymentSettings(Compute compute, String stage, List<String> tenantKeys,
                                 Optional<String> oidcIssuer, Optional<String> oidcClientId,
                                 boolean strictArtifacts, Path projectRoot, String tenantBaseDomain,
                                 Optional<String> edgeCertificate, String edgeSecretsRevision) {

    /** The default {@link #tenantBaseDomain}: a synthesizable placeholder, not a deployment's domain. */
    public static final String EXAMPLE_BASE_DOMAIN = "shiptrack.example.com";

    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]{0,11}");
    /** A lowercase DNS name of two labels or more; it is also written into the edge function's code. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{3,200}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    /** CloudFront takes certificates from us-east-1 only. */
    private static final Pattern EDGE_CERTIFICATE = Pattern.compile(
            "arn:aws:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]{36}");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
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
        if (!DOMAIN.matcher(tenantBaseDomain).matches()) {
            throw new IllegalArgumentException("Context 'tenantBaseDomain' must be a lowercase DNS name such as "
                    + EXAMPLE_BASE_DOMAIN + ", was " + tenantBaseDomain);
        }
        edgeCertificate.ifPresent(arn -> {
            if (!EDGE_CERTIFICATE.matcher(arn).matches()) {
                throw new IllegalArgumentException("Context 'edgeCertificateArn' must be an ACM certificate of"
                        + " us-east-1 (CloudFront's region), was " + arn);
            }
        });
        if (!REVISION.matcher(edgeSecretsRevision).matches()) {
            throw new IllegalArgumentException("Context 'edgeSecretsRevision' must match " + REVISION + ", was "
                    + edgeSecretsRevision);
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
                Path.of(text(node, "projectRoot").orElse("..")).toAbsolutePath().normalize(),
                text(node, "tenantBaseDomain").orElse(EXAMPLE_BASE_DOMAIN),
                text(node, "edgeCertificateArn"),
                text(node, "edgeSecretsRevision").orElse("1"));
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

    /** The isolation watchdog's deployment package, built by {@code ./mvnw -pl isolation-watchdog-function package}. */
    public Path watchdogFunctionJar() {
        return projectRoot.resolve("isolation-watchdog-function/target/function.jar");
    }

    public boolean hasWatchdogFunctionJar() {
        return Files.isRegularFile(watchdogFunctionJar());
    }

    /**
     * A Lambda function's code: {@code artifact} when it is built; else placeholder code that synthesizes, or, with
     * {@link #strictArtifacts}, a refusal saying how to build it.
     *
     * @param built        whether {@code artifact} is there and is what the function runs
     * @param buildCommand the command that builds it
     */
    public Code lambdaCode(Path artifact, boolean built, String buildCommand) {
        if (built) {
            return Code.fromAsset(artifact.toString());
        }
        if (strictArtifacts) {
            throw new IllegalStateException(artifact + " is missing or not what the function runs: build it with "
                    + buildCommand + " (strictArtifacts=true refuses placeholder code)");
        }
        return Code.fromAsset(projectRoot.resolve("deploy/src/main/lambda-placeholder").toString());
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
