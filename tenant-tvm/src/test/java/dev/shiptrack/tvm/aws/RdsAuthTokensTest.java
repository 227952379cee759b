package dev.shiptrack.tvm.aws;

import dev.shiptrack.tvm.support.FakeStsClient;
import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.support.UnitVending;
import dev.shiptrack.tvm.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RdsAuthTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final FakeStsClient sts = new FakeStsClient(clock);
    private final RdsAuthTokens tokens = new RdsAuthTokens(UnitVending.vendor(TestConfigs.abac(), sts, clock,
            new SimpleMeterRegistry(), UnitVending.noRequest()), TestConfigs.abac());

    @Test
    void shouldSignTheConnectTokenWithTheTenantsSessionCredentials() {
        String token = tokens.generate(new TenantId("acme"), "shipments.cluster.local", 5432, "tenant_acme");
        String decoded = URLDecoder.decode(token, StandardCharsets.UTF_8);

        assertThat(token).startsWith("shipments.cluster.local:5432/?");
        assertThat(decoded).contains("Action=connect", "DBUser=tenant_acme", "X-Amz-Credential=ASIAFAKE1/",
                "/us-east-1/rds-db/aws4_request", "X-Amz-Security-Token=fake-token-1");
        assertThat(sts.requests().get(0).tags().get(0).value()).isEqualTo("acme");
    }
}
