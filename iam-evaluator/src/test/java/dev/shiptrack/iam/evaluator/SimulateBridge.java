package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs cases through iam-simulate with what {@code IamSimulator} does not pass on: a session policy as the bare
 * document iam-simulate expects, a resource policy per case, and the context keys iam-simulate ignored as invalid
 * for the action. Uses the copy of iam-simulate that the iam-policies build installed ({@code iam.simulate.dir}).
 */
final class SimulateBridge {

    /** One case; {@code context} values are a String or a List of Strings, as iam-simulate expects. */
    record Case(String id, String principal, String action, String resource, String accountId,
                Map<String, Object> context, List<JsonNode> identityPolicies, JsonNode sessionPolicy,
                JsonNode resourcePolicy) {
    }

    record Result(String decision, List<String> ignoredContextKeys) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulateBridge() {
    }

    /** The request's condition keys as iam-simulate takes them: a set-typed key as a list, any other as a string. */
    static Map<String, Object> context(AuthorizationRequest request) {
        Map<String, Object> context = new LinkedHashMap<>();
        request.context().forEach((key, values) ->
                context.put(key, RequestContext.isMultiValued(key) ? values : values.get(0)));
        return context;
    }

    static Map<String, Result> evaluate(List<Case> cases) {
        String dir = System.getProperty("iam.simulate.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "node_modules"))) {
            throw new IllegalStateException("iam-simulate is not installed at iam.simulate.dir=" + dir);
        }
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
            if (c.resourcePolicy() != null) {
                node.set("resourcePolicy", c.resourcePolicy());
            }
        }
        try {
            Path script = Path.of(SimulateBridge.class.getResource("/iam-simulate-bridge.mjs").toURI());
            Path in = Files.createTempFile("iam-simulate-bridge-in", ".json");
            Path out = Files.createTempFile("iam-simulate-bridge-out", ".json");
            try {
                Files.writeString(in, JSON.writeValueAsString(input));
                Process process = new ProcessBuilder("node", script.toString(), dir)
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("iam-simulate bridge failed or timed out");
                }
                return results(JSON.readTree(out.toFile()));
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot run the iam-simulate bridge", e);
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
            byId.put(result.path("id").asText(), new Result(decision, ignored));
        }
        return byId;
    }
}
