package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.shiptrack.iam.evaluator.TestPolicies.evaluate;
import static dev.shiptrack.iam.evaluator.TestPolicies.policy;
import static dev.shiptrack.iam.evaluator.TestPolicies.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Action/NotAction and Resource/NotResource, with wildcards and IAM's case rules. */
class ActionAndResourceMatchingTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData";

    private static boolean allows(String actionElement, String resourceElement, String action, String resource) {
        NamedPolicy policy = policy("p", "{\"Effect\":\"Allow\"," + actionElement + "," + resourceElement + "}");
        return evaluate(request(action, resource, Map.of()), policy).allowed();
    }

    @Test
    void shouldMatchActionsIgnoringCaseIncludingTheServicePrefix() {
        assertThat(allows("\"Action\":\"DynamoDB:getitem\"", "\"Resource\":\"*\"", "dynamodb:GetItem", TABLE)).isTrue();
    }

    @Test
    void shouldMatchActionWildcardsWithinTheServiceOnly() {
        assertThat(allows("\"Action\":\"dynamodb:Get*\"", "\"Resource\":\"*\"", "dynamodb:GetItem", TABLE)).isTrue();
        assertThat(allows("\"Action\":\"dynamodb:Get*\"", "\"Resource\":\"*\"", "dynamodb:Scan", TABLE)).isFalse();
        assertThat(allows("\"Action\":\"dynamodb:?etItem\"", "\"Resource\":\"*\"", "dynamodb:GetItem", TABLE)).isTrue();
        assertThat(allows("\"Action\":\"dynamo*:GetItem\"", "\"Resource\":\"*\"", "dynamodb:GetItem", TABLE)).isFalse();
        assertThat(allows("\"Action\":\"*\"", "\"Resource\":\"*\"", "dynamodb:Scan", TABLE)).isTrue();
    }

    @Test
    void shouldAllowEverythingButTheListedActionsWithNotAction() {
        String notAction = "\"NotAction\":[\"dynamodb:Scan\",\"dynamodb:Delete*\"]";
        assertThat(allows(notAction, "\"Resource\":\"*\"", "dynamodb:GetItem", TABLE)).isTrue();
        assertThat(allows(notAction, "\"Resource\":\"*\"", "dynamodb:Scan", TABLE)).isFalse();
        assertThat(allows(notAction, "\"Resource\":\"*\"", "dynamodb:DeleteItem", TABLE)).isFalse();
    }

    @Test
    void shouldMatchTheResourceIdCaseSensitively() {
        String resource = "\"Resource\":\"" + TABLE + "\"";
        assertThat(allows("\"Action\":\"*\"", resource, "dynamodb:GetItem", TABLE)).isTrue();
        assertThat(allows("\"Action\":\"*\"", resource, "dynamodb:GetItem",
                "arn:aws:dynamodb:us-east-1:123456789012:table/trackingdata")).isFalse();
    }

    @Test
    void shouldNotGrantAnIndexWithTheTableArnAlone() {
        assertThat(allows("\"Action\":\"*\"", "\"Resource\":\"" + TABLE + "\"", "dynamodb:Query",
                TABLE + "/index/byStatus")).isFalse();
        assertThat(allows("\"Action\":\"*\"", "\"Resource\":\"" + TABLE + "*\"", "dynamodb:Query",
                TABLE + "/index/byStatus")).isTrue();
    }

    @Test
    void shouldKeepRegionAndAccountWildcardsWithinTheirSegment() {
        String anyRegion = "\"Resource\":\"arn:aws:dynamodb:*:123456789012:table/TrackingData\"";
        assertThat(allows("\"Action\":\"*\"", anyRegion, "dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/TrackingData")).isTrue();
        assertThat(allows("\"Action\":\"*\"", anyRegion, "dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:210987654321:table/TrackingData")).isFalse();
    }

    @Test
    void shouldKeepAnIndexPrefixFromReachingAnIndexWithAnotherTenantsName() {
        String yellowIndexes = "\"Resource\":\"arn:aws:es:us-east-1:123456789012:domain/tracking/yellow-*\"";
        assertThat(allows("\"Action\":\"es:*\"", yellowIndexes, "es:ESHttpGet",
                "arn:aws:es:us-east-1:123456789012:domain/tracking/yellow-tracking/_search")).isTrue();
        assertThat(allows("\"Action\":\"es:*\"", yellowIndexes, "es:ESHttpGet",
                "arn:aws:es:us-east-1:123456789012:domain/tracking/yellow2-tracking/_search")).isFalse();
    }

    @Test
    void shouldAllowEverythingButTheListedResourcesWithNotResource() {
        String notBlue = "\"NotResource\":\"arn:aws:s3:::tracking-documents/blue/*\"";
        assertThat(allows("\"Action\":\"s3:*\"", notBlue, "s3:GetObject",
                "arn:aws:s3:::tracking-documents/yellow/x")).isTrue();
        assertThat(allows("\"Action\":\"s3:*\"", notBlue, "s3:GetObject",
                "arn:aws:s3:::tracking-documents/blue/x")).isFalse();
    }

    @Test
    void shouldNotApplyNotResourceWhoseEntryHasAnUnresolvableVariable() {
        assertThat(allows("\"Action\":\"s3:*\"",
                "\"NotResource\":\"arn:aws:s3:::tracking-documents/${aws:PrincipalTag/TenantID}/*\"", "s3:GetObject",
                "arn:aws:s3:::tracking-documents/yellow/x")).isFalse();
    }

    @Test
    void shouldReadAShortResourceArnAsEndingInWildcards() {
        assertThat(allows("\"Action\":\"*\"", "\"Resource\":\"arn:aws:dynamodb\"", "dynamodb:GetItem", TABLE))
                .isTrue();
    }
}
