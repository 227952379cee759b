package dev.shiptrack.tvm.tenant;

import dev.shiptrack.tvm.support.FakeJwt;
import dev.shiptrack.tvm.support.TestConfigs;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentTenantTest {

    @Test
    void shouldReadTheTenantFromTheDefaultClaim() {
        CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("tenantId", "acme")), TestConfigs.abac());

        assertThat(tenant.get()).isEqualTo(new TenantId("acme"));
    }

    @Test
    void shouldReadTheTenantFromTheCognitoClaimWhenConfigured() {
        CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("custom:tenant_id", "acme", "tenantId", "other")),
                TestConfigs.abac("tenant-tvm.tenant-claim", "custom:tenant_id"));

        assertThat(tenant.get()).isEqualTo(new TenantId("acme"));
    }

    @Test
    void shouldAcceptAJsonStringClaim() {
        CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("tenantId", Json.createValue("acme"))),
                TestConfigs.abac());

        assertThat(tenant.get()).isEqualTo(new TenantId("acme"));
    }

    @Test
    void shouldRefuseATokenWithoutTheClaim() {
        CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("sub", "alice")), TestConfigs.abac());

        assertThatThrownBy(tenant::get).isInstanceOf(InvalidTenantException.class).hasMessageContaining("no tenantId");
    }

    @Test
    void shouldNotFallBackToTheDefaultClaimWhenAnotherIsConfigured() {
        CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("tenantId", "acme")),
                TestConfigs.abac("tenant-tvm.tenant-claim", "custom:tenant_id"));

        assertThatThrownBy(tenant::get).isInstanceOf(InvalidTenantException.class);
    }

    @Test
    void shouldRefuseNonStringClaims() {
        for (Object value : List.of(42L, true, List.of("acme"), Json.createArrayBuilder().add("acme").build(),
                Json.createObjectBuilder().add("id", "acme").build(), Json.createValue(42))) {
            CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("tenantId", value)), TestConfigs.abac());

            assertThatThrownBy(tenant::get).as("claim %s", value)
                    .isInstanceOf(InvalidTenantException.class).hasMessageContaining("not a string");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Acme", "*", "ac/me", "ac\"me", "ac me", "acme ", "0123456789abcdefghij0123456789abc"})
    void shouldRefuseMalformedTenantIds(String raw) {
        CurrentTenant tenant = new CurrentTenant(new FakeJwt(Map.of("tenantId", raw)), TestConfigs.abac());

        assertThatThrownBy(tenant::get).isInstanceOf(InvalidTenantException.class);
    }
}
