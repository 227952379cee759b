package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.shiptrack.iam.evaluator.TestPolicies.context;
import static dev.shiptrack.iam.evaluator.TestPolicies.evaluate;
import static dev.shiptrack.iam.evaluator.TestPolicies.holds;
import static dev.shiptrack.iam.evaluator.TestPolicies.policy;
import static dev.shiptrack.iam.evaluator.TestPolicies.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Policy variables in Resource and condition values, their escapes, and what happens when they have no value. */
class PolicyVariablesTest {

    private static final NamedPolicy TENANT_PREFIX = policy("tenant-prefix", """
            {"Effect":"Allow","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::tracking-documents/${aws:PrincipalTag/TenantID}/*"}""");

    private static boolean readsObject(String key, Map<String, List<String>> context) {
        return evaluate(request("s3:GetObject", "arn:aws:s3:::tracking-documents/" + key, context), TENANT_PREFIX)
                .allowed();
    }

    @Test
    void shouldSubstituteThePrincipalTagIntoTheResource() {
        assertThat(readsObject("yellow/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "yellow"))).isTrue();
        assertThat(readsObject("blue/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "yellow"))).isFalse();
    }

    @Test
    void shouldNotLetATenantIdReachATenantWhoseIdItPrefixes() {
        assertThat(readsObject("yellow/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "yel"))).isFalse();
        assertThat(readsObject("yellow2/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "yellow"))).isFalse();
    }

    @Test
    void shouldTakeWildcardsInASubstitutedValueLiterally() {
        assertThat(readsObject("yellow/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "*"))).isFalse();
        assertThat(readsObject("yellow/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "yel*"))).isFalse();
        assertThat(readsObject("yellow/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", "yel?ow"))).isFalse();
    }

    @Test
    void shouldNotMatchWhenTheVariableHasNoValue() {
        assertThat(readsObject("yellow/s-1/pod.pdf", Map.of())).isFalse();
        assertThat(readsObject("/s-1/pod.pdf", Map.of())).isFalse();
    }

    @Test
    void shouldTreatAnEmptyTagLikeAnAbsentOneSoNoEmptyPrefixIsGranted() {
        assertThat(readsObject("/s-1/pod.pdf", context("aws:PrincipalTag/TenantID", ""))).isFalse();
    }

    @Test
    void shouldUseTheDefaultOfAVariableOnlyWhenTheKeyHasNoValue() {
        NamedPolicy withDefault = policy("default", """
                {"Effect":"Allow","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::tracking-documents/${aws:PrincipalTag/TenantID, 'shared'}/*"}""");
        assertThat(evaluate(request("s3:GetObject", "arn:aws:s3:::tracking-documents/shared/x", Map.of()),
                withDefault).allowed()).isTrue();
        assertThat(evaluate(request("s3:GetObject", "arn:aws:s3:::tracking-documents/shared/x",
                context("aws:PrincipalTag/TenantID", "yellow")), withDefault).allowed()).isFalse();
    }

    @Test
    void shouldReadEscapesAsLiteralCharacters() {
        assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"${*}/${?}${$}\"}}", context("s3:prefix", "*/?$"))).isTrue();
        assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"${*}/${?}${$}\"}}", context("s3:prefix", "a/b$")))
                .isFalse();
    }

    @Test
    void shouldSubstituteVariablesInConditionValues() {
        String ownPrefix = "{\"StringLike\":{\"s3:prefix\":\"${aws:PrincipalTag/TenantID}/*\"}}";
        assertThat(holds(ownPrefix, context("aws:PrincipalTag/TenantID", "yellow", "s3:prefix", "yellow/s-1/")))
                .isTrue();
        assertThat(holds(ownPrefix, context("aws:PrincipalTag/TenantID", "yel", "s3:prefix", "yellow/s-1/")))
                .isFalse();
    }

    @Test
    void shouldFailEvenANegatedConditionWhoseVariableHasNoValue() {
        assertThat(holds("{\"StringNotEquals\":{\"s3:prefix\":\"${aws:username}\"}}", context("s3:prefix", "x")))
                .isFalse();
    }

    @Test
    void shouldNotResolveAVariableThatNamesASetTypedKey() {
        assertThat(holds("{\"StringEquals\":{\"s3:prefix\":\"${dynamodb:LeadingKeys}\"}}",
                Map.of("s3:prefix", List.of("yellow#s-1"), "dynamodb:LeadingKeys", List.of("yellow#s-1"))))
                .isFalse();
    }

    @Test
    void shouldReadVariablesAsLiteralTextInAPolicyWrittenBeforeVersion2012() {
        for (String version : new String[]{"", "\"Version\":\"2008-10-17\","}) {
            NamedPolicy old = TestPolicies.document("old", "{" + version + """
                    "Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                     "Resource":"arn:aws:s3:::tracking-documents/${aws:PrincipalTag/TenantID}/*"}]}""");
            Map<String, List<String>> yellow = context("aws:PrincipalTag/TenantID", "yellow");

            assertThat(evaluate(request("s3:GetObject", "arn:aws:s3:::tracking-documents/yellow/x", yellow), old)
                    .allowed()).isFalse();
            assertThat(evaluate(request("s3:GetObject",
                    "arn:aws:s3:::tracking-documents/${aws:PrincipalTag/TenantID}/x", yellow), old).allowed()).isTrue();
        }
    }

    @Test
    void shouldSubstituteTheUserName() {
        assertThat(holds("{\"StringEquals\":{\"s3:prefix\":\"home/${aws:username}/\"}}",
                context("aws:username", "ann", "s3:prefix", "home/ann/"))).isTrue();
    }
}
