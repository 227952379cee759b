package dev.shiptrack.localaws;

import dev.shiptrack.iam.StorageModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * AssumeRole's parameter constraints from the AWS STS API Reference, each refused by the edge as STS refuses it
 * ({@code 400 ValidationError} naming the member and the constraint) before any policy is evaluated, and each
 * boundary value accepted. Through the real SDK, which checks none of these itself.
 */
class StsParameterValidationTest {

    private static LocalAwsEdge edge;
    private static AwsClients clients;

    @BeforeAll
    static void startEdge() {
        edge = LocalAwsEdge.builder().withLocalDefaults().start();
        clients = new AwsClients(edge.endpoint());
    }

    @AfterAll
    static void stopEdge() {
        edge.close();
    }

    private static AssumeRoleRequest.Builder valid() {
        return AssumeRoleRequest.builder().roleArn(AwsClients.TRACKING_ACCESS_ROLE).roleSessionName("s-yellow")
                .durationSeconds(900).tags(AwsClients.tenantTags("yellow", StorageModel.POOL));
    }

    private static Tag tenantTag() {
        return Tag.builder().key("TenantID").value("yellow").build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static Stream<Arguments> violations() {
        List<Tag> fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> tag("k" + i, "v")).toList();
        return Stream.of(
                rule("a missing session name", "roleSessionName", "Member must not be null",
                        r -> r.roleSessionName(null)),
                rule("a one-character session name", "roleSessionName", "length greater than or equal to 2",
                        r -> r.roleSessionName("s")),
                rule("a 65-character session name", "roleSessionName", "length less than or equal to 64",
                        r -> r.roleSessionName("s".repeat(65))),
                rule("a session name with a space", "roleSessionName", "regular expression pattern",
                        r -> r.roleSessionName("tenant yellow")),
                rule("a role ARN shorter than 20", "roleArn", "length greater than or equal to 20",
                        r -> r.roleArn("arn:aws:iam::1:r")),
                rule("a duration under 900 s", "durationSeconds", "greater than or equal to 900",
                        r -> r.durationSeconds(899)),
                rule("a duration over 12 h", "durationSeconds", "less than or equal to 43200",
                        r -> r.durationSeconds(43_201)),
                rule("51 session tags", "tags", "length less than or equal to 50", r -> r.tags(fiftyOne)),
                rule("an empty tag key", "tags.1.member.key", "length greater than or equal to 1",
                        r -> r.tags(tag("", "yellow"))),
                rule("a 129-character tag key", "tags.1.member.key", "length less than or equal to 128",
                        r -> r.tags(tag("k".repeat(129), "yellow"))),
                rule("a tag key with a comma", "tags.1.member.key", "regular expression pattern",
                        r -> r.tags(tag("Tenant,ID", "yellow"))),
                rule("a 257-character tag value", "tags.1.member.value", "length less than or equal to 256",
                        r -> r.tags(tag("TenantID", "y".repeat(257)))),
                rule("a tag value with a comma", "tags.1.member.value", "regular expression pattern",
                        r -> r.tags(tag("TenantID", "yellow,blue"))),
                rule("a tag value with a quote", "tags.1.member.value", "regular expression pattern",
                        r -> r.tags(tag("TenantID", "yellow\""))),
                rule("a transitive tag key with a comma", "transitiveTagKeys.1.member", "regular expression pattern",
                        r -> r.transitiveTagKeys("Tenant,ID")),
                rule("a one-character external id", "externalId", "length greater than or equal to 2",
                        r -> r.externalId("x")),
                rule("an external id with a space", "externalId", "regular expression pattern",
                        r -> r.externalId("ext id")),
                rule("a source identity with a slash", "sourceIdentity", "regular expression pattern",
                        r -> r.sourceIdentity("ops/olivia")),
                rule("an empty session policy", "policy", "length greater than or equal to 1",
                        r -> r.policy("")));
    }

    private static Arguments rule(String what, String member, String constraint,
            UnaryOperator<AssumeRoleRequest.Builder> change) {
        return Arguments.of(what, member, constraint, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void shouldRefuseWhatStsRefusesWithAValidationError(String what, String member, String constraint,
            UnaryOperator<AssumeRoleRequest.Builder> change) {
        int decisionsBefore = edge.auditTrail().decisions(record -> true).size();
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assertThatThrownBy(() -> tracking.assumeRole(change.apply(valid()).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .startsWith("1 validation error detected: ")
                                .contains("at '" + member + "' failed to satisfy constraint: ")
                                .contains(constraint);
                    });
        }
        assertThat(edge.auditTrail().decisions(record -> true)).as("no policy was evaluated")
                .hasSize(decisionsBefore);
    }

    @Test
    void shouldReportEveryViolationOfOneRequest() {
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assertThatThrownBy(() -> tracking.assumeRole(valid().roleSessionName("s").durationSeconds(1).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("2 validation errors detected: ")
                            .contains("'roleSessionName'").contains("'durationSeconds'"));
        }
    }

    @Test
    void shouldRefuseADurationAboveTheRolesMaximumSession() {
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assertThatThrownBy(() -> tracking.assumeRole(valid().durationSeconds(3601).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("MaxSessionDuration");
                    });
        }
    }

    @Test
    void shouldRefuseTagKeysThatDifferOnlyInCase() {
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assertThatThrownBy(() -> tracking.assumeRole(valid().tags(tenantTag(), tag("tenantid", "blue")).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("case-insensitive");
                    });
        }
    }

    @Test
    void shouldAcceptEveryBoundaryValue() {
        String longestSessionName = "s".repeat(64);
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            var assumed = tracking.assumeRole(valid().roleSessionName(longestSessionName).durationSeconds(3600)
                    .tags(tag("TenantID", "yellow"), tag("StorageModel", "pool"), tag("Team " + "k".repeat(123), "v".repeat(256)),
                            tag("Empty", ""), tag("Unicode", "Zürich 東京 +=.:/@_-"))
                    .externalId("x".repeat(1224)).sourceIdentity("olivia@example.com").build());
            assertThat(assumed.assumedRoleUser().arn()).endsWith("/" + longestSessionName);
        }
    }
}
