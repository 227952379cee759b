package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.shiptrack.iam.evaluator.TestPolicies.context;
import static dev.shiptrack.iam.evaluator.TestPolicies.holds;
import static org.assertj.core.api.Assertions.assertThat;

/** Each condition operator family, on single-valued keys. */
class ConditionOperatorsTest {

    @Nested
    class StringOperators {

        @Test
        void shouldMatchStringEqualsExactlyAndCaseSensitively() {
            assertThat(holds("{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yellow\"}}",
                    context("aws:PrincipalTag/TenantID", "yellow"))).isTrue();
            assertThat(holds("{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yellow\"}}",
                    context("aws:PrincipalTag/TenantID", "YELLOW"))).isFalse();
            assertThat(holds("{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yel\"}}",
                    context("aws:PrincipalTag/TenantID", "yellow"))).isFalse();
        }

        @Test
        void shouldTreatWildcardsInStringEqualsAsLiteralCharacters() {
            assertThat(holds("{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yel*\"}}",
                    context("aws:PrincipalTag/TenantID", "yellow"))).isFalse();
            assertThat(holds("{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yel*\"}}",
                    context("aws:PrincipalTag/TenantID", "yel*"))).isTrue();
        }

        @Test
        void shouldIgnoreCaseOnlyInTheIgnoreCaseOperators() {
            assertThat(holds("{\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/TenantID\":\"Yellow\"}}",
                    context("aws:PrincipalTag/TenantID", "yELLOW"))).isTrue();
            assertThat(holds("{\"StringNotEqualsIgnoreCase\":{\"aws:PrincipalTag/TenantID\":\"Yellow\"}}",
                    context("aws:PrincipalTag/TenantID", "yELLOW"))).isFalse();
            assertThat(holds("{\"StringNotEqualsIgnoreCase\":{\"aws:PrincipalTag/TenantID\":\"Yellow\"}}",
                    context("aws:PrincipalTag/TenantID", "blue"))).isTrue();
        }

        @Test
        void shouldMatchStringLikeWithStarAndQuestionMarkWildcards() {
            assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"yellow/*\"}}", context("s3:prefix", "yellow/s-1/")))
                    .isTrue();
            assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"yellow/*\"}}", context("s3:prefix", "yellow2/s-1/")))
                    .isFalse();
            assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"yel?ow\"}}", context("s3:prefix", "yellow"))).isTrue();
            assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"yel?ow\"}}", context("s3:prefix", "yelow"))).isFalse();
        }

        @Test
        void shouldHoldStringNotLikeOnlyWhenNoValueMatches() {
            String condition = "{\"StringNotLike\":{\"s3:prefix\":[\"blue/*\",\"yel/*\"]}}";
            assertThat(holds(condition, context("s3:prefix", "yellow/"))).isTrue();
            assertThat(holds(condition, context("s3:prefix", "yel/x"))).isFalse();
        }

        @Test
        void shouldTreatSeveralValuesForOneKeyAsAlternatives() {
            String condition = "{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":[\"blue\",\"yellow\"]}}";
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "yellow"))).isTrue();
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "yel"))).isFalse();
        }

        @Test
        void shouldRequireEveryKeyAndEveryOperatorToHold() {
            String condition = "{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yellow\",\"aws:username\":\"ann\"},"
                    + "\"Bool\":{\"aws:SecureTransport\":\"true\"}}";
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "yellow", "aws:username", "ann",
                    "aws:SecureTransport", "true"))).isTrue();
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "yellow", "aws:username", "ann",
                    "aws:SecureTransport", "false"))).isFalse();
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "yellow", "aws:username", "bob",
                    "aws:SecureTransport", "true"))).isFalse();
        }

        @Test
        void shouldLookUpConditionKeysCaseInsensitively() {
            assertThat(holds("{\"StringEquals\":{\"AWS:principaltag/TENANTID\":\"yellow\"}}",
                    context("aws:PrincipalTag/TenantID", "yellow"))).isTrue();
        }
    }

    @Nested
    class ArnOperators {

        private static final String ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/yellow";

        @Test
        void shouldMatchArnLikeSegmentBySegment() {
            assertThat(holds("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:sts::*:assumed-role/TrackingAccessRole/*\"}}",
                    context("aws:PrincipalArn", ROLE_SESSION))).isTrue();
            assertThat(holds("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:sts::210987654321:assumed-role/*\"}}",
                    context("aws:PrincipalArn", ROLE_SESSION))).isFalse();
        }

        @Test
        void shouldNotLetAWildcardSpanTheColonsBetweenArnSegments() {
            assertThat(holds("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:*:assumed-role/*\"}}",
                    context("aws:PrincipalArn", ROLE_SESSION))).isFalse();
        }

        @Test
        void shouldReadArnEqualsLikeArnLikeAndNegateTheNotForms() {
            String pattern = "arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/*";
            assertThat(holds("{\"ArnEquals\":{\"aws:PrincipalArn\":\"" + pattern + "\"}}",
                    context("aws:PrincipalArn", ROLE_SESSION))).isTrue();
            assertThat(holds("{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"" + pattern + "\"}}",
                    context("aws:PrincipalArn", ROLE_SESSION))).isFalse();
            assertThat(holds("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/*\"}}",
                    context("aws:PrincipalArn", ROLE_SESSION))).isTrue();
        }

        @Test
        void shouldNotMatchAValueThatIsNoArn() {
            assertThat(holds("{\"ArnLike\":{\"aws:PrincipalArn\":\"*\"}}", context("aws:PrincipalArn", "yellow")))
                    .isFalse();
        }
    }

    @Nested
    class NumericOperators {

        @Test
        void shouldCompareNumbersByValue() {
            Map<String, List<String>> age = context("aws:MultiFactorAuthAge", "300.0");
            assertThat(holds("{\"NumericEquals\":{\"aws:MultiFactorAuthAge\":\"300\"}}", age)).isTrue();
            assertThat(holds("{\"NumericNotEquals\":{\"aws:MultiFactorAuthAge\":\"300\"}}", age)).isFalse();
            assertThat(holds("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}", age)).isFalse();
            assertThat(holds("{\"NumericLessThanEquals\":{\"aws:MultiFactorAuthAge\":\"300\"}}", age)).isTrue();
            assertThat(holds("{\"NumericGreaterThan\":{\"aws:MultiFactorAuthAge\":\"299.5\"}}", age)).isTrue();
            assertThat(holds("{\"NumericGreaterThanEquals\":{\"aws:MultiFactorAuthAge\":3600}}", age)).isFalse();
        }

        @Test
        void shouldNeverMatchANonNumericValueEvenWithANegatedOperator() {
            Map<String, List<String>> age = context("aws:MultiFactorAuthAge", "abc");
            assertThat(holds("{\"NumericEquals\":{\"aws:MultiFactorAuthAge\":\"300\"}}", age)).isFalse();
            assertThat(holds("{\"NumericNotEquals\":{\"aws:MultiFactorAuthAge\":\"300\"}}", age)).isFalse();
        }
    }

    @Nested
    class DateOperators {

        @Test
        void shouldCompareDatesAsInstantsWhateverTheirZone() {
            Map<String, List<String>> now = context("aws:CurrentTime", "2030-01-01T01:00:00+01:00");
            assertThat(holds("{\"DateEquals\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}", now)).isTrue();
            assertThat(holds("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2030-01-01\"}}", now)).isFalse();
            assertThat(holds("{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:01Z\"}}", now)).isTrue();
            assertThat(holds("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2030-01-01\"}}", now)).isFalse();
            assertThat(holds("{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2030-01-01\"}}", now)).isTrue();
            assertThat(holds("{\"DateLessThanEquals\":{\"aws:CurrentTime\":\"2029-12-31T23:59Z\"}}", now))
                    .isFalse();
        }

        @Test
        void shouldReadWholeNumbersAsSecondsSinceTheEpoch() {
            Map<String, List<String>> epoch = context("aws:EpochTime", "1893456000");
            assertThat(holds("{\"DateEquals\":{\"aws:EpochTime\":\"2030-01-01T00:00:00Z\"}}", epoch)).isTrue();
            assertThat(holds("{\"DateLessThan\":{\"aws:EpochTime\":\"1893456001\"}}", epoch)).isTrue();
        }

        @Test
        void shouldNeverMatchAValueThatIsNoDateOrHasNoZone() {
            assertThat(holds("{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01\"}}",
                    context("aws:CurrentTime", "yesterday"))).isFalse();
            assertThat(holds("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2030-01-01\"}}",
                    context("aws:CurrentTime", "2026-11-24T21:00:00"))).isFalse();
        }
    }

    @Nested
    class BoolAndNull {

        @Test
        void shouldCompareBooleansIgnoringCase() {
            assertThat(holds("{\"Bool\":{\"aws:SecureTransport\":\"True\"}}", context("aws:SecureTransport", "TRUE")))
                    .isTrue();
            assertThat(holds("{\"Bool\":{\"aws:SecureTransport\":true}}", context("aws:SecureTransport", "false")))
                    .isFalse();
            assertThat(holds("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", context("aws:SecureTransport", "yes")))
                    .isFalse();
        }

        @Test
        void shouldTestOnlyWhetherTheKeyIsPresentWithNull() {
            String absent = "{\"Null\":{\"aws:PrincipalTag/TenantID\":\"true\"}}";
            assertThat(holds(absent, Map.of())).isTrue();
            assertThat(holds(absent, context("aws:PrincipalTag/TenantID", ""))).isFalse();
            assertThat(holds("{\"Null\":{\"aws:PrincipalTag/TenantID\":\"false\"}}",
                    context("aws:PrincipalTag/TenantID", "yellow"))).isTrue();
        }

        @Test
        void shouldCountAnEmptySetAsPresentForNull() {
            assertThat(holds("{\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}}",
                    Map.of("dynamodb:LeadingKeys", List.of()))).isTrue();
        }
    }

    @Nested
    class AbsentKeysAndIfExists {

        @Test
        void shouldFailPositiveOperatorsOnAnAbsentKey() {
            assertThat(holds("{\"StringLike\":{\"s3:prefix\":\"*\"}}", Map.of())).isFalse();
            assertThat(holds("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}", Map.of())).isFalse();
            assertThat(holds("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", Map.of())).isFalse();
        }

        @Test
        void shouldHoldNegatedOperatorsOnAnAbsentKey() {
            assertThat(holds("{\"StringNotEquals\":{\"aws:PrincipalTag/TenantID\":\"blue\"}}", Map.of())).isTrue();
            assertThat(holds("{\"StringNotLike\":{\"s3:prefix\":\"blue/*\"}}", Map.of())).isTrue();
            assertThat(holds("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/*\"}}", Map.of())).isTrue();
            assertThat(holds("{\"NumericNotEquals\":{\"aws:MultiFactorAuthAge\":\"0\"}}", Map.of())).isTrue();
        }

        @Test
        void shouldHoldIfExistsOnAnAbsentKeyAndEvaluateNormallyOnAPresentOne() {
            String condition = "{\"StringEqualsIfExists\":{\"aws:PrincipalTag/TenantID\":\"yellow\"}}";
            assertThat(holds(condition, Map.of())).isTrue();
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "yellow"))).isTrue();
            assertThat(holds(condition, context("aws:PrincipalTag/TenantID", "blue"))).isFalse();
        }

        @Test
        void shouldNeverMatchASetTypedKeyWithASingleValuedOperator() {
            assertThat(holds("{\"StringLike\":{\"dynamodb:LeadingKeys\":\"yellow#*\"}}",
                    Map.of("dynamodb:LeadingKeys", List.of("yellow#s-1")))).isFalse();
            assertThat(holds("{\"StringNotLike\":{\"dynamodb:LeadingKeys\":\"blue#*\"}}",
                    Map.of("dynamodb:LeadingKeys", List.of("yellow#s-1")))).isFalse();
            assertThat(holds("{\"StringLikeIfExists\":{\"dynamodb:LeadingKeys\":\"yellow#*\"}}",
                    Map.of("dynamodb:LeadingKeys", List.of("yellow#s-1")))).isFalse();
        }

        @Test
        void shouldNeverMatchAKeyGivenSeveralValuesWithASingleValuedOperator() {
            assertThat(holds("{\"StringEquals\":{\"aws:PrincipalTag/TenantID\":\"yellow\"}}",
                    Map.of("aws:PrincipalTag/TenantID", List.of("yellow", "blue")))).isFalse();
        }
    }
}
