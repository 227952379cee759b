package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs batches of authorization cases through {@code @cloud-copilot/iam-simulate}, an IAM evaluator written
 * independently of this project (Node.js, installed by this module's build into {@code iam-simulate/}).
 * Shared with other modules' tests through this module's test-jar; they set the system property
 * {@code iam.simulate.dir} to that folder.
 */
public final class IamSimulator {

    /** IAM's three possible outcomes, as iam-simulate names them. */
    public enum Decision { Allowed, ImplicitlyDenied, ExplicitlyDenied }

    /**
     * One request to authorize.
     *
     * @param context condition keys: a String, or a List of Strings for multi-valued keys
     */
    public record Case(String id, String principal, String action, String resource, String accountId,
                       Map<String, Object> context, List<JsonNode> identityPolicies, JsonNode sessionPolicy) {
    }

    /**
     * iam-simulate's answer to one case.
     *
     * @param ignoredContextKeys context keys iam-simulate dropped before evaluating because they do not apply to
     *                           the action; a case relying on one of them tests nothing
     */
    public record Result(Decision decision, List<String> ignoredContextKeys) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    public IamSimulator(Path directory) {
        this.directory = directory;
    }

    /** The simulator installed by the iam-policies build, found through the {@code iam.simulate.dir} property. */
    public static IamSimulator installed() {
        String dir = System.getProperty("iam.simulate.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "node_modules"))) {
            throw new IllegalStateException("iam-simulate is not installed; set iam.simulate.dir (was " + dir
                    + ") to iam-policies/iam-simulate after the iam-policies build ran npm ci there");
        }
        return new IamSimulator(Path.of(dir));
    }

    /** Evaluates every case in one Node.js process and returns the decisions by case id. */
    public Map<String, Decision> evaluate(List<Case> cases) {
        return evaluate(cases, null);
    }

    /**
     * Like {@link #evaluate(List)}, with the resource-based policy of the requested resource (a KMS key policy, a
     * role's trust policy, a bucket policy) evaluated as IAM does next to the identity policies.
     */
    public Map<String, Decision> evaluate(List<Case> cases, JsonNode resourcePolicy) {
        Map<String, Decision> decisions = new HashMap<>();
        simulate(cases, resourcePolicy).forEach((id, result) -> decisions.put(id, result.decision()));
        return decisions;
    }

    /** Like {@link #evaluate(List, JsonNode)}, with the context keys iam-simulate ignored for each case. */
    public Map<String, Result> simulate(List<Case> cases, JsonNode resourcePolicy) {
        ArrayNode input = JSON.createArrayNode();
        for (Case c : cases) {
            ObjectNode node = input.addObject();
            node.put("id", c.id());
            node.put("principal", c.principal());
            node.put("action", c.action());
            node.put("resource", c.resource());
            node.put("accountId", c.accountId());
            node.set("context", JSON.valueToTree(c.context()));
            node.set("identityPolicies", JSON.valueToTree(c.identityPolicies()));
            if (c.sessionPolicy() != null) {
                node.set("sessionPolicy", c.sessionPolicy());
            }
            if (resourcePolicy != null) {
                node.set("resourcePolicy", resourcePolicy);
            }
        }
        try {
            Path in = Files.createTempFile("iam-simulate-in", ".json");
            Path out = Files.createTempFile("iam-simulate-out", ".json");
            try {
                Files.writeString(in, JSON.writeValueAsString(input));
                Process process = new ProcessBuilder("node", "simulate.mjs")
                        .directory(directory.toFile())
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("iam-simulate failed or timed out");
                }
                return results(JSON.readTree(Files.readString(out, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run iam-simulate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Result> results(JsonNode results) {
        Map<String, Result> byId = new HashMap<>();
        for (JsonNode result : results) {
            String decision = result.path("decision").asText();
            if ("Error".equals(decision)) {
                throw new IllegalStateException("iam-simulate rejected case " + result.path("id").asText() + ": "
                        + result.path("error").asText());
            }
            List<String> ignored = new ArrayList<>();
            result.path("ignoredContextKeys").forEach(key -> ignored.add(key.asText()));
            byId.put(result.path("id").asText(), new Result(Decision.valueOf(decision), List.copyOf(ignored)));
        }
        return byId;
    }
}
