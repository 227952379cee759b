package dev.shiptrack.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.deploy.Compute;
import dev.shiptrack.deploy.DeploymentSettings;
import dev.shiptrack.deploy.ShipTrackApp;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What CDK would deploy as IAM right now: the app is synthesized for both compute targets, and each resource that
 * holds a policy (roles with their trust policies, inline and managed policies, the bucket, topic and key
 * policies, the OpenSearch domain with its access policy) is hashed. Equal before and after onboarding means that
 * onboarding changed nothing CDK deploys.
 */
final class SynthesizedIam {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> POLICY_HOLDERS = Set.of("AWS::IAM::Role", "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy", "AWS::KMS::Key",
            "AWS::OpenSearchService::Domain");

    private SynthesizedIam() {
    }

    /** {@code <compute>/<logical id>} to the SHA-256 of the resource's properties. */
    static Map<String, String> fingerprints(Path projectRoot, Path outdir) throws NoSuchAlgorithmException {
        Map<String, String> fingerprints = new TreeMap<>();
        for (Compute compute : Compute.values()) {
            App app = new App(AppProps.builder()
                    .outdir(outdir.resolve(compute.contextValue()).toString())
                    .context(Map.of("compute", compute.contextValue(), "projectRoot", projectRoot.toString()))
                    .build());
            JsonNode resources = JSON.valueToTree(Template.fromStack(ShipTrackApp.build(app,
                    DeploymentSettings.fromContext(app.getNode()))).toJSON()).path("Resources");
            for (var resource : (Iterable<Map.Entry<String, JsonNode>>) resources::fields) {
                if (POLICY_HOLDERS.contains(resource.getValue().path("Type").asText())) {
                    byte[] properties = resource.getValue().path("Properties").toString().getBytes(StandardCharsets.UTF_8);
                    fingerprints.put(compute.contextValue() + "/" + resource.getKey(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(properties)));
                }
            }
        }
        return fingerprints;
    }
}
