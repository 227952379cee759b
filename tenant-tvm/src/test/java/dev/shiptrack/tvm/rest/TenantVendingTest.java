package dev.shiptrack.tvm.rest;

import dev.shiptrack.tvm.support.LocalStsResource;
import dev.shiptrack.tvm.support.LocalStsServer;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.support.LocalStsServer.AssumeRoleCall;
import dev.shiptrack.tvm.support.LocalStsServer.CallerIdentityCall;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import dev.shiptrack.tvm.vending.VendedCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import dev.shiptrack.tvm.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The vending machine in a running application, against a real STS-compatible HTTP endpoint. */
@QuarkusTest
@WithTestResource(LocalStsResource.class)
class TenantVendingTest {

    @Inject
    MeterRegistry meters;

    @Inject
    StsClient sharedSts;

    @Inject
    TenantCredentialsVendor vendor;

    @Inject
    TenantAwsRequests tenantRequests;

    private static LocalStsServer sts() {
        return LocalStsResource.server();
    }

    private static ValidatableResponse probe(String token) {
        return given().auth().oauth2(token).when().get("/probe/credentials").then();
    }

    @Test
    void shouldSendTheTenantTagTheSessionPolicyAndTheDurationToSts() {
        String accessKeyId = probe(Tokens.forTenant("acme")).statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("sessionName", startsWith("acme.tracking."))
                .extract().path("accessKeyId");

        List<AssumeRoleCall> calls = sts().callsFor("acme");
        assertThat(calls).hasSize(1);
        AssumeRoleCall call = calls.get(0);
        assertThat(call.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/TrackingAccessRole");
        assertThat(call.tags()).containsExactly(java.util.Map.entry("TenantID", "acme"));
        assertThat(call.durationSeconds()).isEqualTo(900);
        assertThat(call.policy()).contains("arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData")
                .contains("\"acme#*\"").contains("arn:aws:s3:::tracking-documents/acme/*")
                .doesNotContain("{{");
        assertThat(call.sessionName()).hasSizeLessThanOrEqualTo(64).matches("[\\w+=,.@-]+");
        // STS is called with the service's own credentials, and the request gets the tenant's, never those.
        assertThat(call.authorization()).contains("Credential=AKIASERVICEOWNKEY/").contains("/us-east-1/sts/aws4_request");
        assertThat(accessKeyId).isEqualTo(call.accessKeyId()).isNotEqualTo("AKIASERVICEOWNKEY");
    }

    @Test
    void shouldSignARequestOfTheSharedSdkClientWithTheTenantsCredentialsWhenOverridden() {
        TenantId tenant = new TenantId("wayne");
        VendedCredentials vended = vendor.vend(tenant);

        sharedSts.getCallerIdentity(r -> r.overrideConfiguration(tenantRequests.overrideFor(tenant)));
        sharedSts.getCallerIdentity();

        List<CallerIdentityCall> calls = sts().callerIdentityCalls();
        CallerIdentityCall asTenant = calls.get(calls.size() - 2);
        assertThat(asTenant.authorization()).contains("Credential=" + vended.credentials().accessKeyId() + "/");
        assertThat(asTenant.securityToken()).isEqualTo(vended.credentials().sessionToken());
        CallerIdentityCall asService = calls.get(calls.size() - 1);
        assertThat(asService.authorization()).contains("Credential=AKIASERVICEOWNKEY/");
        assertThat(sts().callsFor("wayne")).hasSize(1);
    }

    @Test
    void shouldServeTheSecondRequestOfATenantFromTheCache() {
        String first = probe(Tokens.forTenant("initech")).statusCode(200).extract().path("accessKeyId");
        String second = probe(Tokens.forTenant("initech")).statusCode(200).extract().path("accessKeyId");

        assertThat(second).isEqualTo(first);
        assertThat(sts().callsFor("initech")).hasSize(1);
        assertThat(meters.counter("tvm.credentials.lookups", "source", "cached").count()).isPositive();
    }

    @Test
    void shouldGiveEachTenantItsOwnCredentials() {
        String acme = probe(Tokens.forTenant("umbrella")).statusCode(200).extract().path("accessKeyId");
        String globex = probe(Tokens.forTenant("hooli")).statusCode(200).extract().path("accessKeyId");

        assertThat(globex).isNotEqualTo(acme);
        assertThat(sts().callsFor("umbrella")).extracting(AssumeRoleCall::accessKeyId).containsExactly(acme);
        assertThat(sts().callsFor("hooli")).extracting(AssumeRoleCall::accessKeyId).containsExactly(globex);
    }

    @Test
    void shouldRefuseEveryInvalidTenantWith403BeforeAnyStsCall() {
        List<UnaryOperator<JwtClaimsBuilder>> invalid = List.of(
                claims -> claims,
                claims -> claims.claim("tenantId", 42),
                claims -> claims.claim("tenantId", true),
                claims -> claims.claim("tenantId", List.of("acme")),
                claims -> claims.claim("tenantId", "Acme"),
                claims -> claims.claim("tenantId", "*"),
                claims -> claims.claim("tenantId", "acme/other"),
                claims -> claims.claim("tenantId", "ac\"me"),
                claims -> claims.claim("tenantId", "ac me"),
                claims -> claims.claim("tenantId", "acme\n"),
                claims -> claims.claim("tenantId", "ab"),
                claims -> claims.claim("tenantId", "a".repeat(33)),
                claims -> claims.claim("tenant", "acme"));
        int callsBefore = sts().calls().size();

        for (UnaryOperator<JwtClaimsBuilder> claims : invalid) {
            probe(Tokens.with(claims)).statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:shiptrack:problem:invalid-tenant"))
                    .body("status", equalTo(403))
                    .body("title", equalTo("No valid tenant in the token"));
        }

        assertThat(sts().calls()).hasSize(callsBefore);
    }

    @Test
    void shouldRefuseARequestWithoutAVerifiedToken() {
        int callsBefore = sts().calls().size();

        given().when().get("/probe/credentials").then().statusCode(403)
                .contentType("application/problem+json");
        String forged = Tokens.forTenant("acme");
        String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(tampered).when().get("/probe/credentials").then().statusCode(401);

        assertThat(sts().calls()).hasSize(callsBefore);
    }

    @Test
    void shouldAnswer403WhenStsDeniesTheTenant() {
        probe(Tokens.forTenant("denied")).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:tenant-access-denied"))
                .body("detail", equalTo("No credentials may be issued for tenant denied"));

        assertThat(sts().callsFor("denied")).hasSize(1);
    }

    @Test
    void shouldAnswer503AfterRetryingWhenStsKeepsThrottling() {
        probe(Tokens.forTenant("throttled")).statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:credentials-unavailable"))
                .body("status", equalTo(503));

        assertThat(sts().callsFor("throttled")).hasSize(4);
        assertThat(meters.counter("tvm.vend.failures", "kind", "unavailable").count()).isPositive();
        assertThat(meters.counter("tvm.sts.retries").count()).isPositive();
    }
}
