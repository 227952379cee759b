package dev.shiptrack.tvm.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.shiptrack.iam.StorageModel;

class TenantRoutesTest {

    private final TenantRoutes routes = new TenantRoutes(Map.of(
            "yellow.shiptrack.localhost", "yellow",
            "blue.shiptrack.localhost", "blue",
            "*.yellow-parcels.example", "yellow",
            "track.blue-freight.example", "blue"),
            Map.of("yellow", "standard", "blue", "basic", "acme", "premium"),
            Set.of("acme"));

    @Test
    void shouldResolveSubdomainsAndExactCustomHostnamesToTheirTenant() {
        assertThat(routes.tenantOfHost("yellow.shiptrack.localhost")).contains("yellow");
        assertThat(routes.tenantOfHost("blue.shiptrack.localhost")).contains("blue");
        assertThat(routes.tenantOfHost("track.blue-freight.example")).contains("blue");
    }

    @Test
    void shouldPlaceOnlyTenantsListedAsSiloInASiloAndEveryOtherTenantInThePool() {
        assertThat(routes.storageOf("acme")).isEqualTo(StorageModel.SILO);
        assertThat(routes.storageOf("yellow")).isEqualTo(StorageModel.POOL);
        assertThat(routes.storageOf("unknown")).isEqualTo(StorageModel.POOL);
    }

    @Test
    void shouldMatchAWildcardExactlyOneLabelDeep() {
        assertThat(routes.tenantOfHost("shop.yellow-parcels.example")).contains("yellow");
        assertThat(routes.tenantOfHost("a.shop.yellow-parcels.example")).isEmpty();
        assertThat(routes.tenantOfHost("yellow-parcels.example")).isEmpty();
    }

    @Test
    void shouldIgnoreCaseAndTheRootDot() {
        assertThat(routes.tenantOfHost("YELLOW.ShipTrack.localhost.")).contains("yellow");
    }

    @Test
    void shouldNotResolveUnknownHostsToAnyTenant() {
        assertThat(routes.tenantOfHost("green.shiptrack.localhost")).isEmpty();
        assertThat(routes.tenantOfHost("shiptrack.localhost")).isEmpty();
        assertThat(routes.tenantOfHost("evil.example")).isEmpty();
        assertThat(routes.tenantOfHost("")).isEmpty();
        assertThat(routes.tenantOfHost(".")).isEmpty();
        assertThat(routes.tenantOfHost("blue-freight.example")).isEmpty();
    }

    @Test
    void shouldGiveTheTierOfListedTenantsOnly() {
        assertThat(routes.tierOf("yellow")).contains("standard");
        assertThat(routes.tierOf("green")).isEmpty();
    }
}
