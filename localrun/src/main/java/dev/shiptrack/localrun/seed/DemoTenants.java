package dev.shiptrack.localrun.seed;

import dev.shiptrack.localrun.client.ApiClient;
import dev.shiptrack.backends.KeycloakTokens;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The demo tenants, onboarded through tenant-service's API as the operator olivia, like any other tenant:
 * yellow (alice) and blue (bob) active, green (carol) suspended. Every call is idempotent (the same body again is
 * the same tenant), so a kept data folder or a second {@code docker-compose up} changes nothing.
 */
public final class DemoTenants {

    /** The platform operator of the local realm (realm role platform-operator, no tenant). */
    public static final String OPERATOR = "olivia";

    private record DemoTenant(String id, String name, String tier, String user, boolean suspended) {
    }

    private static final List<DemoTenant> TENANTS = List.of(
            new DemoTenant("yellow", "Yellow Parcels", "standard", "alice", false),
            new DemoTenant("blue", "Blue Freight", "basic", "bob", false),
            new DemoTenant("green", "Green Logistics", "basic", "carol", true));

    private final URI tenantService;
    private final KeycloakTokens tokens;
    private final ApiClient api = new ApiClient();

    public DemoTenants(URI tenantService, URI keycloak) {
        this.tenantService = tenantService;
        this.tokens = new KeycloakTokens(keycloak);
    }

    /** Onboards (or finds) every demo tenant and suspends green; fails on the first refusal, naming it. */
    public void onboard() throws IOException, InterruptedException {
        String operator = tokens.accessToken(OPERATOR, OPERATOR);
        for (DemoTenant tenant : TENANTS) {
            requireDone("Onboarding " + tenant.id(), api.postJson(tenantService.resolve("/tenants"), operator,
                    body(tenant.id(), tenant.name(), tenant.tier(), tenant.user(),
                            tenant.user() + "@" + tenant.id() + ".example", tenant.user())));
            if (tenant.suspended()) {
                requireDone("Suspending " + tenant.id(), api.postJson(
                        tenantService.resolve("/tenants/" + tenant.id() + "/suspend"), operator, Map.of()));
            }
        }
    }

    /** 201 (done now) or 200 (done before: a kept data folder) are both success. */
    private static void requireDone(String what, ApiClient.Answer answer) throws IOException {
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IOException(what + " was refused: " + answer);
        }
    }

    /** The body of {@code POST /tenants}, with a password (accepted by the local profile only). */
    public static Map<String, Object> body(String id, String name, String tier, String username, String email,
            String password) {
        return Map.of("id", id, "name", name, "tier", tier,
                "admin", Map.of("username", username, "email", email, "password", password));
    }
}
