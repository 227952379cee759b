package dev.shiptrack.tvm.rest;

import dev.shiptrack.tvm.support.LocalStsResource;
import dev.shiptrack.tvm.support.LocalStsServer.AssumeRoleCall;
import dev.shiptrack.tvm.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The role-per-tenant strategy (seed 000) with Cognito's tenant claim, against the local STS. */
@QuarkusTest
@TestProfile(RolePerTenantVendingTest.RolePerTenantWithCognitoClaim.class)
@WithTestResource(LocalStsResource.class)
class RolePerTenantVendingTest {

    private static final String ACME_ROLE = "arn:aws:iam::123456789012:role/assumeRole-acme";

    @Test
    void shouldAssumeTheTenantsOwnRoleNamedByTheCognitoClaim() {
        String token = Tokens.with(claims -> claims.claim("custom:tenant_id", "acme").claim("tenantId", "globex"));

        given().auth().oauth2(token).when().get("/probe/credentials").then().statusCode(200)
                .body("tenant", equalTo("acme"));

        List<AssumeRoleCall> calls = LocalStsResource.server().callsOnRole(ACME_ROLE);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).tags()).isEmpty();
        assertThat(calls.get(0).policy()).isNull();
        assertThat(calls.get(0).durationSeconds()).isEqualTo(900);
        assertThat(calls.get(0).sessionName()).startsWith("acme.shipment.");
        assertThat(LocalStsResource.server().callsOnRole("arn:aws:iam::123456789012:role/assumeRole-globex")).isEmpty();
    }

    @Test
    void shouldIgnoreTheDefaultClaimWhenCognitosIsConfigured() {
        given().auth().oauth2(Tokens.forTenant("acme")).when().get("/probe/credentials").then().statusCode(403)
                .contentType("application/problem+json");
    }

    public static class RolePerTenantWithCognitoClaim implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tenant-tvm.strategy", "role-per-tenant",
                    "tenant-tvm.role-arn-template", "arn:aws:iam::123456789012:role/assumeRole-{{tenant}}",
                    "tenant-tvm.service-name", "shipment",
                    "tenant-tvm.tenant-claim", "custom:tenant_id",
                    "tenant-tvm.permission-templates", "");
        }
    }
}
