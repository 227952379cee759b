package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.support.CapturedLog;
import dev.shiptrack.tvm.support.FakeStsClient;
import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsCredentialsSourceTest {

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final FakeStsClient sts = new FakeStsClient(clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private final StsCredentialsSource source = new StsCredentialsSource(sts, TestConfigs.abac(), clock,
            new VendingMetrics(meters), sleeps::add, new Random(3));

    private static AssumeRoleSpec spec() {
        return new AssumeRoleSpec(TestConfigs.ROLE, new TenantId("acme"), new TreeMap<>(Map.of("TenantID", "acme")),
                Optional.of(POLICY), "abc123");
    }

    private static StsException stsError(int status, String code) {
        return (StsException) StsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " from STS").build())
                .message(code).build();
    }

    @Test
    void shouldAssumeTheRoleWithTheTenantTagThePolicyAndTheDuration() {
        VendedCredentials vended = source.assume(spec());

        AssumeRoleRequest request = sts.requests().get(0);
        assertThat(request.roleArn()).isEqualTo(TestConfigs.ROLE);
        assertThat(request.tags()).containsExactly(Tag.builder().key("TenantID").value("acme").build());
        assertThat(request.policy()).isEqualTo(POLICY);
        assertThat(request.durationSeconds()).isEqualTo(900);
        assertThat(request.roleSessionName()).startsWith("acme.tracking.").isEqualTo(vended.sessionName());
        assertThat(request.transitiveTagKeys()).isEmpty();
        assertThat(vended.credentials().accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(vended.credentials().sessionToken()).isEqualTo("fake-token-1");
        assertThat(vended.expiration()).isEqualTo(clock.instant().plusSeconds(900));
        assertThat(vended.policyHash()).isEqualTo("abc123");
        assertThat(meters.timer(VendingMetrics.STS_CALLS, "outcome", "success").count()).isEqualTo(1);
    }

    @Test
    void shouldRetryThrottlingWithJitteredExponentialBackoff() {
        AtomicInteger calls = new AtomicInteger();
        sts.answerWith(request -> {
            if (calls.incrementAndGet() < 4) {
                throw stsError(400, "Throttling");
            }
            return sts.grant(request);
        });

        VendedCredentials vended = source.assume(spec());

        assertThat(vended.credentials().accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(sts.requests()).hasSize(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(0L, 100L);
        assertThat(sleeps.get(1)).isBetween(0L, 200L);
        assertThat(sleeps.get(2)).isBetween(0L, 400L);
        assertThat(meters.counter(VendingMetrics.RETRIES).count()).isEqualTo(3);
    }

    @Test
    void shouldSpreadRetriesOfManyCallersInsteadOfSleepingTheSameTime() {
        sts.answerWith(request -> {
            throw stsError(400, "Throttling");
        });
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> source.assume(spec())).isInstanceOf(CredentialsUnavailableException.class);
        }

        assertThat(sleeps.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void shouldReportUnavailableWhenStsKeepsThrottling() {
        sts.answerWith(request -> {
            throw stsError(400, "Throttling");
        });

        assertThatThrownBy(() -> source.assume(spec()))
                .isInstanceOf(CredentialsUnavailableException.class)
                .isNotInstanceOf(SessionPolicyRejectedException.class)
                .hasMessageContaining("Throttling").hasMessageContaining("4 attempts");
        assertThat(sts.requests()).hasSize(4);
        assertThat(meters.counter(VendingMetrics.FAILURES, "kind", "unavailable").count()).isEqualTo(1);
    }

    @Test
    void shouldReportUnavailableWhenStsCannotBeReached() {
        sts.answerWith(request -> {
            throw SdkClientException.create("Connection refused");
        });

        assertThatThrownBy(() -> source.assume(spec())).isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("unreachable");
        assertThat(sts.requests()).hasSize(4);
    }

    @Test
    void shouldRetryServerErrors() {
        AtomicInteger calls = new AtomicInteger();
        sts.answerWith(request -> {
            if (calls.incrementAndGet() == 1) {
                throw stsError(503, "ServiceUnavailable");
            }
            return sts.grant(request);
        });

        assertThat(source.assume(spec()).credentials().accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(sts.requests()).hasSize(2);
    }

    @Test
    void shouldMapAccessDeniedToTenantAccessDeniedWithoutRetrying() {
        sts.answerWith(request -> {
            throw stsError(403, "AccessDenied");
        });

        assertThatThrownBy(() -> source.assume(spec()))
                .isInstanceOfSatisfying(TenantAccessDeniedException.class, e -> {
                    assertThat(e.tenant()).isEqualTo("acme");
                    assertThat(e.roleArn()).isEqualTo(TestConfigs.ROLE);
                });
        assertThat(sts.requests()).hasSize(1);
        assertThat(meters.counter(VendingMetrics.FAILURES, "kind", "access-denied").count()).isEqualTo(1);
    }

    @Test
    void shouldMapPackedPolicyTooLargeToAClearPolicyError() {
        sts.answerWith(request -> {
            throw stsError(400, "PackedPolicyTooLarge");
        });

        assertThatThrownBy(() -> source.assume(spec()))
                .isInstanceOf(SessionPolicyRejectedException.class)
                .hasMessageContaining("PackedPolicyTooLarge").hasMessageContaining("permission-templates");
        assertThat(sts.requests()).hasSize(1);
    }

    @Test
    void shouldNotRetryOtherClientErrors() {
        sts.answerWith(request -> {
            throw stsError(400, "ValidationError");
        });

        assertThatThrownBy(() -> source.assume(spec())).isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("ValidationError");
        assertThat(sts.requests()).hasSize(1);
    }

    @Test
    void shouldAuditEveryVendWithoutSecrets() {
        AtomicInteger calls = new AtomicInteger();
        sts.answerWith(request -> {
            if (calls.incrementAndGet() == 2) {
                throw stsError(403, "AccessDenied");
            }
            return sts.grant(request);
        });

        try (CapturedLog audit = CapturedLog.of(VendingAudit.CATEGORY)) {
            VendedCredentials vended = source.assume(spec());
            assertThatThrownBy(() -> source.assume(spec())).isInstanceOf(TenantAccessDeniedException.class);

            assertThat(audit.messages()).hasSize(2);
            assertThat(audit.messages().get(0)).contains("tenant=acme", "role=" + TestConfigs.ROLE,
                    "session=" + vended.sessionName(), "policyHash=abc123", "outcome=success");
            assertThat(audit.messages().get(1)).contains("tenant=acme", "outcome=access-denied");
            assertThat(audit.fields().get(0)).containsEntry("tenant", "acme").containsEntry("outcome", "success")
                    .containsEntry("sessionName", vended.sessionName()).containsEntry("policyHash", "abc123");
            assertThat(String.join("\n", audit.messages()) + audit.fields())
                    .doesNotContain("fake-secret", "fake-token", "ASIAFAKE", POLICY);
        }
    }
}
