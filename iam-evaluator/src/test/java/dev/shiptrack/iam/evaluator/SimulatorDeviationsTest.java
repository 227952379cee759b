package dev.shiptrack.iam.evaluator;

import dev.shiptrack.iam.IamSimulator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.shiptrack.iam.evaluator.TestPolicies.OBJECT;
import static dev.shiptrack.iam.evaluator.TestPolicies.policy;
import static dev.shiptrack.iam.evaluator.TestPolicies.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known cases where this evaluator and iam-simulate disagree on purpose, kept out of the differential corpus
 * and pinned here: each test shows both answers, so a change on either side is noticed. See
 * docs/iam-evaluator.md, "Where it differs from iam-simulate".
 */
class SimulatorDeviationsTest {

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @Test
    void shouldHoldForAnyValueIfExistsOnAnAbsentKeyWhereIamSimulateDoesNot() {
        NamedPolicy policy = policy("any-if-exists", """
                {"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*",
                 "Condition":{"ForAnyValue:StringLikeIfExists":{"dynamodb:LeadingKeys":["yellow#*"]}}}""");
        AuthorizationRequest request = request("dynamodb:GetItem",
                "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData", Map.of());

        assertAnswers(policy, request, Outcome.ALLOWED, "ImplicitlyDenied");
    }

    @Test
    void shouldFailANegatedConditionOnAnEmptyVariableWhereIamSimulateHoldsIt() {
        NamedPolicy policy = policy("not-own-tenant", """
                {"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringNotEquals":{"aws:PrincipalTag/Team":"${aws:PrincipalTag/TenantID}"}}}""");
        AuthorizationRequest request = request("s3:GetObject", OBJECT,
                Map.of("aws:PrincipalTag/TenantID", List.of(""), "aws:PrincipalTag/Team", List.of("ops")));

        assertAnswers(policy, request, Outcome.IMPLICITLY_DENIED, "Allowed");
    }

    @Test
    void shouldRefuseANumberWithTrailingTextThatIamSimulateReadsAsItsLeadingDigits() {
        NamedPolicy policy = policy("fresh-mfa", """
                {"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}""");
        AuthorizationRequest request = request("s3:GetObject", OBJECT,
                Map.of("aws:MultiFactorAuthAge", List.of("300seconds")));

        assertAnswers(policy, request, Outcome.IMPLICITLY_DENIED, "Allowed");
    }

    @Test
    void shouldCompareEpochSecondsWithADateWhereIamSimulateMixesSecondsAndMilliseconds() {
        NamedPolicy policy = policy("before-2030", """
                {"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"DateLessThan":{"aws:EpochTime":"2030-01-01T00:00:00Z"}}}""");
        AuthorizationRequest marchTwentyThirty = request("s3:GetObject", OBJECT,
                Map.of("aws:EpochTime", List.of("1900000000")));

        assertAnswers(policy, marchTwentyThirty, Outcome.IMPLICITLY_DENIED, "Allowed");
    }

    @Test
    void shouldReadVariablesLiterallyInAnUnversionedPolicyWhereIamSimulateSubstitutesThem() {
        NamedPolicy unversioned = TestPolicies.document("unversioned", """
                {"Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::tracking-documents/${aws:PrincipalTag/TenantID}/*"}]}""");
        AuthorizationRequest request = request("s3:GetObject", OBJECT,
                Map.of("aws:PrincipalTag/TenantID", List.of("yellow")));

        assertAnswers(unversioned, request, Outcome.IMPLICITLY_DENIED, "Allowed");
    }

    /** This evaluator answers {@code ours}, iam-simulate {@code theirs} (its decision name). */
    private void assertAnswers(NamedPolicy policy, AuthorizationRequest request, Outcome ours, String theirs) {
        assertThat(ours(request, policy)).as("this evaluator").isEqualTo(ours);
        assertThat(iamSimulate(request, policy)).as("iam-simulate").isEqualTo(theirs);
    }

    private Outcome ours(AuthorizationRequest request, NamedPolicy policy) {
        return evaluator.evaluate(request, List.of(policy), Optional.empty()).outcome();
    }

    private static String iamSimulate(AuthorizationRequest request, NamedPolicy policy) {
        IamSimulator.Case simulated = TestPolicies.simulatorCase("case", request, "123456789012",
                List.of(policy.document()), null);
        IamSimulator.Result result = IamSimulator.installed().simulate(List.of(simulated), null).get("case");
        assertThat(result.ignoredContextKeys()).as("keys iam-simulate ignored").isEmpty();
        return result.decision().name();
    }
}
