package dev.shiptrack.tvm.vending;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.support.CapturedLog;
import dev.shiptrack.tvm.support.FakeJwt;
import dev.shiptrack.tvm.support.FakeStsClient;
import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.support.UnitVending;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import dev.shiptrack.tvm.tenant.InvalidTenantException;
import dev.shiptrack.tvm.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Instance;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantCredentialsVendorTest {

    private static final TenantId ACME = new TenantId("acme");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final FakeStsClient sts = new FakeStsClient(clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private TenantCredentialsVendor vendor(TvmConfig config, Instance<CurrentTenant> currentTenant) {
        return UnitVending.vendor(config, sts, clock, meters, currentTenant);
    }

    private TenantCredentialsVendor vendor(String... keyValues) {
        return vendor(TestConfigs.abac(keyValues), UnitVending.noRequest());
    }

    @Test
    void shouldTagTheSessionWithTheTenantAndSendTheHydratedPolicy() {
        VendedCredentials vended = vendor("tenant-tvm.permission-templates", "dynamodb-leading-key",
                "tenant-tvm.template-values.table", "TrackingData",
                "tenant-tvm.template-values.region", "us-east-1",
                "tenant-tvm.template-values.account", "123456789012").vend(ACME);

        AssumeRoleRequest request = sts.requests().get(0);
        assertThat(request.roleArn()).isEqualTo(TestConfigs.ROLE);
        assertThat(request.tags()).containsExactly(Tag.builder().key("TenantID").value("acme").build());
        assertThat(request.policy()).contains("\"acme#*\"").contains("table/TrackingData");
        assertThat(request.durationSeconds()).isEqualTo(900);
        assertThat(vended.policyHash()).isEqualTo(SessionPolicies.sha256(request.policy()));
    }

    @Test
    void shouldTagTheSessionWithTheTenantsStorageModelAndCacheEachModelApart() {
        Map<TenantId, StorageModel> models = new HashMap<>(Map.of(ACME, StorageModel.SILO));
        TenantCredentialsVendor vendor = UnitVending.vendor(TestConfigs.abac("tenant-tvm.storage-model-tag", "true"),
                sts, clock, meters, UnitVending.noRequest(), tenant -> Optional.ofNullable(models.get(tenant)),
                List.of("test"));

        AwsCredentials silo = vendor.credentialsFor(ACME).resolveCredentials();
        models.put(ACME, StorageModel.POOL);
        AwsCredentials pool = vendor.credentialsFor(ACME).resolveCredentials();
        AwsCredentials chosenByTheCaller = vendor.credentialsFor(ACME, StorageModel.SILO).resolveCredentials();

        assertThat(sts.requests()).extracting(AssumeRoleRequest::tags).containsExactly(
                List.of(Tag.builder().key("StorageModel").value("silo").build(),
                        Tag.builder().key("TenantID").value("acme").build()),
                List.of(Tag.builder().key("StorageModel").value("pool").build(),
                        Tag.builder().key("TenantID").value("acme").build()));
        assertThat(pool.accessKeyId()).isNotEqualTo(silo.accessKeyId());
        assertThat(chosenByTheCaller.accessKeyId()).isEqualTo(silo.accessKeyId());
    }

    @Test
    void shouldRefuseToVendWhileTheTenantsStorageModelIsUnknown() {
        TenantCredentialsVendor vendor = UnitVending.vendor(TestConfigs.abac("tenant-tvm.storage-model-tag", "true"),
                sts, clock, meters, UnitVending.noRequest(), tenant -> Optional.empty(), List.of("test"));

        assertThatThrownBy(() -> vendor.vend(ACME)).isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("storage model is not known");
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void shouldSendNoSessionPolicyWithoutTemplates() {
        VendedCredentials vended = vendor().vend(ACME);

        assertThat(sts.requests().get(0).policy()).isNull();
        assertThat(vended.policyHash()).isEqualTo(SessionPolicies.NO_POLICY);
    }

    @Test
    void shouldRequestTheConfiguredDuration() {
        vendor("tenant-tvm.session-duration", "1h").vend(ACME);

        assertThat(sts.requests().get(0).durationSeconds()).isEqualTo(3600);
    }

    @Test
    void shouldAssumeTheTenantsOwnRoleWithoutTagsForRolePerTenant() {
        TvmConfig config = TestConfigs.of(Map.of(
                "tenant-tvm.strategy", "role-per-tenant",
                "tenant-tvm.role-arn-template", "arn:aws:iam::123456789012:role/assumeRole-{{tenant}}",
                "tenant-tvm.service-name", "shipment"));

        VendedCredentials vended = vendor(config, UnitVending.noRequest()).vend(ACME);

        AssumeRoleRequest request = sts.requests().get(0);
        assertThat(request.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/assumeRole-acme");
        assertThat(request.tags()).isEmpty();
        assertThat(request.roleSessionName()).startsWith("acme.shipment.");
        assertThat(vended.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/assumeRole-acme");
    }

    @Test
    void shouldAddSessionTagsFromTheConfiguredClaimsOfTheRequestToken() {
        TvmConfig config = TestConfigs.abac("tenant-tvm.tag-claims.Tier", "tier");
        CurrentTenant current = new CurrentTenant(new FakeJwt(Map.of("tenantId", "acme", "tier", "premium")), config);

        vendor(config, UnitVending.requestOf(current)).vend(ACME);

        assertThat(sts.requests().get(0).tags()).containsExactly(
                Tag.builder().key("TenantID").value("acme").build(), Tag.builder().key("Tier").value("premium").build());
    }

    @Test
    void shouldRefuseClaimTagsFromAnotherTenantsToken() {
        TvmConfig config = TestConfigs.abac("tenant-tvm.tag-claims.Tier", "tier");
        CurrentTenant current = new CurrentTenant(new FakeJwt(Map.of("tenantId", "globex", "tier", "premium")), config);

        assertThatThrownBy(() -> vendor(config, UnitVending.requestOf(current)).vend(ACME))
                .isInstanceOf(InvalidTenantException.class);
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void shouldRefuseClaimTagValuesStsWouldNotAccept() {
        TvmConfig config = TestConfigs.abac("tenant-tvm.tag-claims.Tier", "tier");
        CurrentTenant current = new CurrentTenant(new FakeJwt(Map.of("tenantId", "acme", "tier", "premium\"}")), config);

        assertThatThrownBy(() -> vendor(config, UnitVending.requestOf(current)).vend(ACME))
                .isInstanceOf(InvalidTenantException.class);
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void shouldRefuseAClaimTagThatWouldReplaceTheTenantTag() {
        assertThatThrownBy(() -> vendor("tenant-tvm.tag-claims.tenantid", "sub"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAnIncompleteConfiguration() {
        assertThatThrownBy(() -> vendor(TestConfigs.of(Map.of()), UnitVending.noRequest()))
                .hasMessageContaining("role-arn");
        assertThatThrownBy(() -> vendor(TestConfigs.of(Map.of("tenant-tvm.strategy", "role-per-tenant",
                "tenant-tvm.role-arn-template", "arn:aws:iam::123456789012:role/shared")), UnitVending.noRequest()))
                .hasMessageContaining("{{tenant}}");
        assertThatThrownBy(() -> vendor("tenant-tvm.service-name", "Tracking Service"))
                .hasMessageContaining("service-name");
        assertThatThrownBy(() -> vendor("tenant-tvm.session-duration", "5m"))
                .hasMessageContaining("session-duration");
    }

    @Test
    void shouldResolveThroughTheCacheOnEveryCallOfTheProvider() {
        TenantCredentialsVendor vendor = vendor();
        AwsCredentialsProvider provider = vendor.credentialsFor(ACME);

        AwsCredentials first = provider.resolveCredentials();
        clock.advance(Duration.ofMinutes(5));
        AwsCredentials cached = provider.resolveCredentials();
        clock.advance(Duration.ofMinutes(9)); // to the hard point, 60 s before expiry, with no lookup on the way
        AwsCredentials renewed = provider.resolveCredentials();

        assertThat(cached.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(renewed.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(sts.requests()).hasSize(2);
        assertThat(meters.counter(VendingMetrics.LOOKUPS, "source", "cached").count()).isEqualTo(1);
        assertThat(meters.counter(VendingMetrics.LOOKUPS, "source", "vended").count()).isEqualTo(2);
    }

    @Test
    void shouldServeTheCachedCredentialsPastTheRefreshPointAndAuditTheBackgroundVend() throws Exception {
        TenantCredentialsVendor vendor = vendor();
        try (CapturedLog audit = CapturedLog.of(VendingAudit.CATEGORY)) {
            VendedCredentials first = vendor.vend(ACME);
            clock.advance(Duration.ofMinutes(11));

            VendedCredentials served = vendor.vend(ACME);

            assertThat(served.credentials().accessKeyId()).isEqualTo(first.credentials().accessKeyId());
            assertThat(meters.counter(VendingMetrics.LOOKUPS, "source", "refreshing").count()).isEqualTo(1);
            assertThat(audit.await(2, Duration.ofSeconds(10))).as("audit of the background vend").isTrue();
            String refreshSession = sts.requests().get(1).roleSessionName();
            assertThat(refreshSession).isNotEqualTo(first.sessionName());
            assertThat(audit.messages()).anySatisfy(message -> assertThat(message)
                    .contains("tenant=acme", "session=" + refreshSession, "outcome=success"));
        }
    }

    @Test
    void shouldRefuseAnExpiryMarginThatLeavesNoTimeToRefreshAhead() {
        assertThatThrownBy(() -> vendor("tenant-tvm.cache.expiry-margin", "5m"))
                .hasMessageContaining("expiry-margin");
        assertThat(vendor("tenant-tvm.cache.expiry-margin", "4m").vend(ACME)).isNotNull();
    }

    @Test
    void shouldNeverHandOutTheServicesOwnCredentialsWhenStsFails() {
        sts.answerWith(request -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Connection refused");
        });
        AwsCredentialsProvider provider = vendor("tenant-tvm.retry.max-attempts", "1").credentialsFor(ACME);

        assertThatThrownBy(provider::resolveCredentials).isInstanceOf(CredentialsUnavailableException.class);
    }

    @Test
    void shouldRefuseEveryBenchmarkModeOutsideTheBenchProfile() {
        for (String mode : List.of("static", "per-request")) {
            for (List<String> profiles : List.of(List.of("prod"), List.of("dev"), List.of("test"), List.<String>of())) {
                TvmConfig config = TestConfigs.abac("tenant-tvm.benchmark.credentials", mode,
                        "tenant-tvm.benchmark.static-access-key-id", "AKIABENCH",
                        "tenant-tvm.benchmark.static-secret-access-key", "bench-secret");
                assertThatThrownBy(() -> UnitVending.vendor(config, sts, clock, meters, UnitVending.noRequest(), profiles))
                        .as("%s under %s", mode, profiles)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("benchmarks only");
            }
        }
    }

    @Test
    void shouldAssumeTheRoleOnEveryRequestInThePerRequestBenchmarkMode() {
        TenantCredentialsVendor vendor = UnitVending.vendor(TestConfigs.abac("tenant-tvm.benchmark.credentials",
                "per-request"), sts, clock, meters, UnitVending.noRequest(), List.of("prod", "bench"));

        AwsCredentialsProvider acme = vendor.credentialsFor(ACME);
        String first = acme.resolveCredentials().accessKeyId();
        String second = acme.resolveCredentials().accessKeyId();
        vendor.vend(ACME);

        assertThat(sts.requests()).hasSize(3);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void shouldHandEveryTenantTheOneStaticKeyInTheStaticBenchmarkMode() {
        TenantCredentialsVendor vendor = UnitVending.vendor(TestConfigs.abac("tenant-tvm.benchmark.credentials",
                "static", "tenant-tvm.benchmark.static-access-key-id", "AKIABENCH",
                "tenant-tvm.benchmark.static-secret-access-key", "bench-secret"), sts, clock, meters,
                UnitVending.noRequest(), List.of("prod", "bench"));

        AwsCredentials acme = vendor.credentialsFor(ACME).resolveCredentials();
        AwsCredentials blue = vendor.credentialsFor(new TenantId("blue")).resolveCredentials();

        assertThat(acme.accessKeyId()).isEqualTo("AKIABENCH");
        assertThat(blue.accessKeyId()).isEqualTo("AKIABENCH");
        assertThat(acme.secretAccessKey()).isEqualTo("bench-secret");
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void shouldRefuseTheStaticBenchmarkModeWithoutAKey() {
        TvmConfig config = TestConfigs.abac("tenant-tvm.benchmark.credentials", "static");

        assertThatThrownBy(() -> UnitVending.vendor(config, sts, clock, meters, UnitVending.noRequest(),
                List.of("prod", "bench")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("static-access-key-id");
    }
}
