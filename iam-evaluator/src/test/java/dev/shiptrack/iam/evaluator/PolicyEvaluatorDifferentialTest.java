package dev.shiptrack.iam.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.IamSimulator;
import dev.shiptrack.iam.evaluator.DifferentialCorpus.DifferentialCase;
import dev.shiptrack.iam.evaluator.DifferentialCorpus.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

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
        Map<String, IamSimulator.Result> results =
                simulate(oneCasePerShape.values(), c -> List.of(ALLOW_ALL), c -> null);

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
        Map<String, Outcome> outcomes = new HashMap<>();
        simulate(corpus, PolicyEvaluatorDifferentialTest::identityFor,
                c -> c.sessionPolicy().map(NamedPolicy::document).orElse(null))
                .forEach((id, result) -> outcomes.put(id, outcome(result.decision())));
        return outcomes;
    }

    /** Runs {@code cases} through iam-simulate, batched by resource policy: IamSimulator takes one per batch. */
    private static Map<String, IamSimulator.Result> simulate(Collection<DifferentialCase> cases,
                                                             Function<DifferentialCase, List<JsonNode>> identity,
                                                             Function<DifferentialCase, JsonNode> session) {
        Map<JsonNode, List<IamSimulator.Case>> batches = new LinkedHashMap<>();
        for (DifferentialCase c : cases) {
            batches.computeIfAbsent(resourcePolicyFor(c), policy -> new ArrayList<>()).add(TestPolicies
                    .simulatorCase(c.id(), c.request(), accountFor(c), identity.apply(c), session.apply(c)));
        }
        Map<String, IamSimulator.Result> results = new HashMap<>();
        IamSimulator simulator = IamSimulator.installed();
        batches.forEach((resourcePolicy, batch) -> results.putAll(simulator.simulate(batch, resourcePolicy)));
        return results;
    }

    /** Trust cases: the caller may do anything by its identity policy, so iam-simulate's answer is the trust's. */
    private static List<JsonNode> identityFor(DifferentialCase c) {
        return c.target() == Target.TRUST ? List.of(ALLOW_ALL) : documents(c.identityPolicies());
    }

    private static JsonNode resourcePolicyFor(DifferentialCase c) {
        return switch (c.target()) {
            case IDENTITY -> null;
            case IDENTITY_WITH_DEFAULT_KEY_POLICY -> defaultKeyPolicy(c.request());
            case TRUST -> c.resourcePolicy().orElseThrow().document();
        };
    }

    /** The account owning the resource: the role's for trust cases, the caller's otherwise (see accountOf). */
    private static String accountFor(DifferentialCase c) {
        return c.target() == Target.TRUST ? DifferentialCorpus.ACCOUNT : accountOf(c.request());
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

    private static List<JsonNode> documents(List<NamedPolicy> policies) {
        return policies.stream().map(NamedPolicy::document).toList();
    }

    private static Outcome outcome(IamSimulator.Decision decision) {
        return switch (decision) {
            case Allowed -> Outcome.ALLOWED;
            case ImplicitlyDenied -> Outcome.IMPLICITLY_DENIED;
            case ExplicitlyDenied -> Outcome.EXPLICITLY_DENIED;
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
