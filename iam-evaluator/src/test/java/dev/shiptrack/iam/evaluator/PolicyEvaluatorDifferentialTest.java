package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.IamSimulator;
import dev.shiptrack.iam.evaluator.DifferentialCorpus.DifferentialCase;
import dev.shiptrack.iam.evaluator.DifferentialCorpus.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a corpus of request/policy cases built from the project's real policy documents, their mutations and seeded
 * random policies through this evaluator and through iam-simulate, an IAM evaluator written independently, and
 * requires them to agree on every case.
 */
class PolicyEvaluatorDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode ALLOW_ALL = json("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @Test
    void shouldAgreeWithIamSimulateOnEveryCaseOfTheCorpus() {
        List<DifferentialCase> corpus = DifferentialCorpus.build();

        Map<String, Outcome> ours = new HashMap<>();
        long coldNanos = timed(() -> corpus.forEach(c -> ours.put(c.id(), ourOutcome(c))));
        long warmNanos = timed(() -> corpus.forEach(this::ourOutcome));
        Map<String, Outcome> theirs = simulatorOutcomes(corpus);

        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> casesByOutcome = new TreeMap<>();
        for (DifferentialCase c : corpus) {
            casesByOutcome.merge(c.target() + "/" + theirs.get(c.id()), 1, Integer::sum);
            if (ours.get(c.id()) != theirs.get(c.id())) {
                disagreements.add(c.id() + ": ours " + ours.get(c.id()) + ", iam-simulate " + theirs.get(c.id())
                        + "\n    identity " + c.identityPolicies().stream().map(p -> p.document().toString()).toList()
                        + "\n    session " + c.sessionPolicy().map(p -> p.document().toString()).orElse("-")
                        + "\n    resource " + c.resourcePolicy().map(p -> p.document().toString()).orElse("-"));
            }
        }
        System.out.printf("Differential IAM corpus (seed %d): %d cases, %d agreements, %d disagreements;"
                        + " iam-simulate outcomes %s; our evaluator: %.1f ms for the corpus cold, %.1f ms warm"
                        + " (%.1f µs per case)%n", DifferentialCorpus.SEED, corpus.size(),
                corpus.size() - disagreements.size(), disagreements.size(), casesByOutcome, coldNanos / 1e6,
                warmNanos / 1e6, warmNanos / 1e3 / corpus.size());
        disagreements.stream().limit(20).forEach(System.out::println);

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(casesByOutcome.keySet()).as("the corpus reaches every outcome")
                .contains("IDENTITY/ALLOWED", "IDENTITY/IMPLICITLY_DENIED", "IDENTITY/EXPLICITLY_DENIED",
                        "TRUST/ALLOWED", "TRUST/IMPLICITLY_DENIED", "TRUST/EXPLICITLY_DENIED",
                        "IDENTITY_WITH_DEFAULT_KEY_POLICY/ALLOWED");
        assertThat(disagreements).isEmpty();
    }

    @Test
    void shouldOnlyUseConditionKeysThatIamSimulateAcceptsForTheAction() {
        Map<String, DifferentialCase> oneCasePerShape = new LinkedHashMap<>();
        for (DifferentialCase c : DifferentialCorpus.build()) {
            AuthorizationRequest r = c.request();
            oneCasePerShape.putIfAbsent(r.action() + " " + r.resourceArn() + " " + r.context().keySet(), c);
        }
        List<SimulateBridge.Case> shapes = oneCasePerShape.values().stream()
                .map(c -> bridgeCase(c, List.of(ALLOW_ALL), null, c.target() == Target.IDENTITY_WITH_DEFAULT_KEY_POLICY
                        ? defaultKeyPolicy(c.request()) : c.resourcePolicy().map(NamedPolicy::document).orElse(null)))
                .toList();

        Map<String, SimulateBridge.Result> results = SimulateBridge.evaluate(shapes);

        Map<String, List<String>> ignored = new TreeMap<>();
        results.forEach((id, result) -> {
            if (!result.ignoredContextKeys().isEmpty()) {
                ignored.put(id, result.ignoredContextKeys());
            }
        });
        assertThat(ignored).as("context keys iam-simulate ignored, so the case would not test them").isEmpty();
    }

    private static long timed(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    private Outcome ourOutcome(DifferentialCase c) {
        return switch (c.target()) {
            case IDENTITY, IDENTITY_WITH_DEFAULT_KEY_POLICY ->
                    evaluator.evaluate(c.request(), c.identityPolicies(), c.sessionPolicy()).outcome();
            case TRUST -> evaluator.evaluateResourcePolicy(c.request(), c.resourcePolicy().orElseThrow()).outcome();
        };
    }

    private static Map<String, Outcome> simulatorOutcomes(List<DifferentialCase> corpus) {
        List<IamSimulator.Case> identity = new ArrayList<>();
        List<SimulateBridge.Case> bridged = new ArrayList<>();
        for (DifferentialCase c : corpus) {
            AuthorizationRequest r = c.request();
            switch (c.target()) {
                // IamSimulator hands iam-simulate the session policy wrapped as {name, policy}, which it refuses
                // ("Statement is required"), so cases with a session policy go through the bridge.
                case IDENTITY -> {
                    if (c.sessionPolicy().isPresent()) {
                        bridged.add(bridgeCase(c, documents(c.identityPolicies()),
                                c.sessionPolicy().get().document(), null));
                    } else {
                        identity.add(new IamSimulator.Case(c.id(), r.principalArn(), r.action(),
                                r.resourceArn(), accountOf(r), simulatorContext(r),
                                documents(c.identityPolicies()), null));
                    }
                }
                case IDENTITY_WITH_DEFAULT_KEY_POLICY -> bridged.add(bridgeCase(c, documents(c.identityPolicies()),
                        c.sessionPolicy().map(NamedPolicy::document).orElse(null), defaultKeyPolicy(r)));
                case TRUST -> bridged.add(bridgeCase(c, List.of(ALLOW_ALL), null,
                        c.resourcePolicy().orElseThrow().document()));
            }
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        IamSimulator.installed().evaluate(identity).forEach((id, decision) -> outcomes.put(id, outcome(decision.name())));
        SimulateBridge.evaluate(bridged).forEach((id, result) -> outcomes.put(id, outcome(result.decision())));
        return outcomes;
    }

    private static SimulateBridge.Case bridgeCase(DifferentialCase c, List<JsonNode> identity, JsonNode session,
                                                  JsonNode resourcePolicy) {
        AuthorizationRequest r = c.request();
        String account = c.target() == Target.TRUST ? DifferentialCorpus.ACCOUNT : accountOf(r);
        return new SimulateBridge.Case(c.id(), r.principalArn(), r.action(), r.resourceArn(), account,
                simulatorContext(r), identity, session, resourcePolicy);
    }

    /** The default key policy of a key in the caller's account: that account's IAM policies decide. */
    private static JsonNode defaultKeyPolicy(AuthorizationRequest request) {
        return json("""
                {"Version":"2012-10-17","Statement":[{"Sid":"EnableIamPolicies","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}]}"""
                .formatted(accountOf(request)));
    }

    /**
     * The account that owns the resource. {@link PolicyEvaluator#evaluate} answers for requests within one account
     * (the local edge serves one); across accounts IAM also needs the resource's own policy, so identity cases tell
     * iam-simulate the resource is the caller's. Trust cases keep the role in 123456789012 and vary the caller.
     */
    private static String accountOf(AuthorizationRequest request) {
        return request.principalArn().split(":")[4];
    }

    /** iam-simulate takes a set-typed key as a JSON array and any other key as a string. */
    private static Map<String, Object> simulatorContext(AuthorizationRequest request) {
        Map<String, Object> context = new LinkedHashMap<>();
        request.context().forEach((key, values) ->
                context.put(key, RequestContext.isMultiValued(key) ? values : values.get(0)));
        return context;
    }

    private static List<JsonNode> documents(List<NamedPolicy> policies) {
        return policies.stream().map(NamedPolicy::document).toList();
    }

    private static Outcome outcome(String simulatorDecision) {
        return switch (simulatorDecision) {
            case "Allowed" -> Outcome.ALLOWED;
            case "ImplicitlyDenied" -> Outcome.IMPLICITLY_DENIED;
            case "ExplicitlyDenied" -> Outcome.EXPLICITLY_DENIED;
            default -> throw new IllegalArgumentException("Unknown iam-simulate decision " + simulatorDecision);
        };
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
