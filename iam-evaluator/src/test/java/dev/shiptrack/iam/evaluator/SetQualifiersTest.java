package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.shiptrack.iam.evaluator.TestPolicies.holds;
import static org.assertj.core.api.Assertions.assertThat;

/** ForAllValues and ForAnyValue over multi-valued keys, as IAM defines them. */
class SetQualifiersTest {

    private static final String ALL_OWN = "{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"yellow#*\"]}}";
    private static final String ANY_OWN = "{\"ForAnyValue:StringLike\":{\"dynamodb:LeadingKeys\":[\"yellow#*\"]}}";

    private static Map<String, List<String>> leadingKeys(String... keys) {
        return Map.of("dynamodb:LeadingKeys", List.of(keys));
    }

    @Test
    void shouldHoldForAllValuesWhenEveryRequestValueMatches() {
        assertThat(holds(ALL_OWN, leadingKeys("yellow#s-1", "yellow#s-2"))).isTrue();
    }

    @Test
    void shouldFailForAllValuesWhenOneRequestValueBelongsToAnotherTenant() {
        assertThat(holds(ALL_OWN, leadingKeys("yellow#s-1", "blue#s-1"))).isFalse();
        assertThat(holds(ALL_OWN, leadingKeys("yellow2#s-1"))).isFalse();
    }

    @Test
    void shouldHoldForAllValuesOverAnEmptyOrAbsentSet() {
        assertThat(holds(ALL_OWN, leadingKeys())).isTrue();
        assertThat(holds(ALL_OWN, Map.of())).isTrue();
    }

    @Test
    void shouldHoldForAnyValueWhenOneRequestValueMatches() {
        assertThat(holds(ANY_OWN, leadingKeys("blue#s-1", "yellow#s-1"))).isTrue();
        assertThat(holds(ANY_OWN, leadingKeys("blue#s-1"))).isFalse();
    }

    @Test
    void shouldFailForAnyValueOverAnEmptyOrAbsentSet() {
        assertThat(holds(ANY_OWN, leadingKeys())).isFalse();
        assertThat(holds(ANY_OWN, Map.of())).isFalse();
    }

    @Test
    void shouldHoldForAnyValueWithIfExistsOverAnAbsentSetAsIamDocumentsIfExists() {
        String condition = "{\"ForAnyValue:StringLikeIfExists\":{\"dynamodb:LeadingKeys\":[\"yellow#*\"]}}";
        assertThat(holds(condition, Map.of())).isTrue();
        assertThat(holds(condition, leadingKeys())).isFalse();
    }

    @Test
    void shouldApplyANegatedOperatorToEachValueOfTheSet() {
        String allNotBlue = "{\"ForAllValues:StringNotLike\":{\"dynamodb:LeadingKeys\":[\"blue#*\"]}}";
        assertThat(holds(allNotBlue, leadingKeys("yellow#s-1", "yel#s-1"))).isTrue();
        assertThat(holds(allNotBlue, leadingKeys("yellow#s-1", "blue#s-1"))).isFalse();
        String anyNotBlue = "{\"ForAnyValue:StringNotLike\":{\"dynamodb:LeadingKeys\":[\"blue#*\"]}}";
        assertThat(holds(anyNotBlue, leadingKeys("blue#s-1", "yellow#s-1"))).isTrue();
        assertThat(holds(anyNotBlue, leadingKeys("blue#s-1"))).isFalse();
    }

    @Test
    void shouldReadASingleValuedKeyAsASetOfOneUnderASetQualifier() {
        assertThat(holds("{\"ForAllValues:StringEquals\":{\"aws:PrincipalTag/TenantID\":[\"yellow\",\"blue\"]}}",
                Map.of("aws:PrincipalTag/TenantID", List.of("yellow")))).isTrue();
    }

    @Test
    void shouldMatchTagKeysAgainstAnAllowListWithForAllValues() {
        String onlyTenant = "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"TenantID\"]}}";
        assertThat(holds(onlyTenant, Map.of("aws:TagKeys", List.of("TenantID")))).isTrue();
        assertThat(holds(onlyTenant, Map.of("aws:TagKeys", List.of("TenantID", "Admin")))).isFalse();
    }
}
