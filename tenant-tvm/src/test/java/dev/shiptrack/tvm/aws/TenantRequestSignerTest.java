package dev.shiptrack.tvm.aws;

import dev.shiptrack.tvm.support.FakeStsClient;
import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.support.UnitVending;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TenantRequestSignerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final FakeStsClient sts = new FakeStsClient(clock);
    private final TenantCredentialsVendor vendor = UnitVending.vendor(TestConfigs.abac(), sts, clock,
            new SimpleMeterRegistry(), UnitVending.noRequest());
    private final TenantRequestSigner signer = new TenantRequestSigner(vendor, TestConfigs.abac());

    private static SdkHttpFullRequest search(String index) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("https://search-tracking.us-east-1.es.amazonaws.com/" + index + "/_search"))
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(ContentStreamProvider.fromUtf8String("{\"query\":{\"match_all\":{}}}"))
                .build();
    }

    @Test
    void shouldSignWithTheTenantsSessionCredentialsForTheService() {
        SdkHttpFullRequest signed = signer.sign(new TenantId("acme"), search("acme-tracking"), "es");

        assertThat(signed.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(authorization)
                .startsWith("AWS4-HMAC-SHA256 Credential=ASIAFAKE1/")
                .contains("/us-east-1/es/aws4_request"));
        assertThat(signed.firstMatchingHeader("X-Amz-Security-Token")).contains("fake-token-1");
        assertThat(signed.contentStreamProvider()).isPresent();
        assertThat(sts.requests().get(0).tags().get(0).value()).isEqualTo("acme");
    }

    @Test
    void shouldSignEachTenantWithItsOwnCredentials() {
        SdkHttpFullRequest acme = signer.sign(new TenantId("acme"), search("acme-tracking"), "es");
        SdkHttpFullRequest globex = signer.sign(new TenantId("globex"), search("globex-tracking"), "es");

        assertThat(globex.firstMatchingHeader("X-Amz-Security-Token"))
                .isNotEqualTo(acme.firstMatchingHeader("X-Amz-Security-Token"));
        assertThat(sts.requests()).extracting(r -> r.tags().get(0).value()).containsExactly("acme", "globex");
    }
}
