package dev.shiptrack.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.tenant.TenantApiTest;
import dev.shiptrack.tenant.TenantBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /tenants/me}: each tenant's user sees its own tenant and nothing of another; the operator has none. */
@QuarkusTest
@WithTestResource(TenantBackendsResource.class)
class OwnTenantTest extends TenantApiTest {

    private final String first = "own" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final String second = first + "b";

    @Test
    void shouldShowEachTenantsUserItsOwnTenantOnly() throws Exception {
        onboard(first, "standard");
        onboard(second, "premium");

        asAdminOf(first).get("/tenants/me").then().statusCode(200)
                .body("id", equalTo(first)).body("name", equalTo(first + " Ltd")).body("tier", equalTo("standard"))
                .body("status", equalTo("ACTIVE")).body("storage", equalTo("pool"))
                .body("$", not(hasKey("adminUsername"))).body("$", not(hasKey("stepsDone")));
        asAdminOf(second).get("/tenants/me").then().statusCode(200)
                .body("id", equalTo(second)).body("name", equalTo(second + " Ltd")).body("storage", equalTo("silo"));
    }

    @Test
    void shouldRefuseTheOperatorTheTenantApiOfTenantUsersAndTenantUsersTheOperatorsApi() throws Exception {
        onboard(first, "basic");

        operator().get("/tenants/me").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:invalid-tenant"));
        asAdminOf(first).get("/tenants/" + first).then().statusCode(403);
        given().get("/tenants/me").then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification asAdminOf(String tenant) throws Exception {
        String token = new KeycloakTokens(TenantBackendsResource.keycloakEndpoint())
                .accessToken(tenant + "-admin", tenant + "-password");
        return given().auth().oauth2(token);
    }
}
