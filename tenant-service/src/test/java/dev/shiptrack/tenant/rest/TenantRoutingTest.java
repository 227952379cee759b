package dev.shiptrack.tenant.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.TenantApiTest;
import dev.shiptrack.tenant.TenantBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The routes registry through the tenant API, against the local run's real backends: DynamoDB is read back with the
 * account's admin key (bypassing IAM), the data plane's tenant row as tenant_provisioner.
 */
@QuarkusTest
@WithTestResource(TenantBackendsResource.class)
class TenantRoutingTest extends TenantApiTest {

    private static final String BASE_DOMAIN = "shiptrack.localhost";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteTheTenantsTierAndSubdomainToTheRoutesRegistryAtOnboarding() {
        onboard("routeone", "standard");

        Map<String, AttributeValue> tenantItem = route(TenantDataLayout.tenantRouteKey("routeone"));
        assertThat(tenantItem.get(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE).s()).isEqualTo("routeone");
        assertThat(tenantItem.get(TenantDataLayout.TIER_ATTRIBUTE).s()).isEqualTo("standard");
        Map<String, AttributeValue> subdomain = route(TenantDataLayout.hostRouteKey("routeone." + BASE_DOMAIN));
        assertThat(subdomain.get(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE).s()).isEqualTo("routeone");
        assertThat(Stream.of(tenantItem, subdomain)).as("route items are no tenant data: the index must not list them")
                .allSatisfy(item -> assertThat(item).doesNotContainKey(TenantDataLayout.TENANT_KEY));
        operator().get("/tenants/routeone/hostnames").then().statusCode(200)
                .body("hostname", contains("routeone." + BASE_DOMAIN)).body("kind", contains("subdomain"));
    }

    @Test
    void shouldWriteTheRoutesWithTheServicesOwnRoleAndNoTenantSession() throws IOException {
        onboard("ownrole", "basic");
        int decisionsBefore = Files.readAllLines(TenantBackendsResource.auditFile()).size();

        operator().put("/tenants/ownrole/hostnames/ownrole.example.com").then().statusCode(201);
        patchTier("ownrole", "standard").statusCode(200);

        List<String> lines = Files.readAllLines(TenantBackendsResource.auditFile());
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : lines.subList(decisionsBefore, lines.size())) {
            decisions.add(JSON.readTree(line));
        }
        assertThat(decisions).as("the hostname's and the tier's PutItem").hasSize(2).allSatisfy(decision -> {
            assertThat(decision.path("action").asText()).isEqualTo("dynamodb:PutItem");
            assertThat(decision.path("principal").asText()).endsWith(":role/TenantServiceRole");
            assertThat(decision.path("tags").isEmpty()).as("no tenant session tags").isTrue();
            assertThat(decision.path("decision").asText()).isEqualTo("ALLOWED");
            assertThat(decision.path("decidingStatement").asText()).isEqualTo("MaintainTenantRoutes");
        });
    }

    @Test
    void shouldRefuseAHostnameOfAnotherTenantAndLeaveItsItemAsItWas() {
        onboard("takenfirst", "basic");
        onboard("takensecond", "basic");
        operator().put("/tenants/takenfirst/hostnames/shop.taken.example").then().statusCode(201);

        operator().put("/tenants/takensecond/hostnames/shop.taken.example").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:hostname-taken"));

        assertThat(routeTenantOf("shop.taken.example")).isEqualTo("takenfirst");
        operator().get("/tenants/takensecond/hostnames").then()
                .body("hostname", contains("takensecond." + BASE_DOMAIN));
    }

    @Test
    void shouldAnswer200AndChangeNothingWhenTheSameTenantRegistersAHostnameAgain() {
        onboard("twice", "basic");

        operator().put("/tenants/twice/hostnames/twice.example.com").then().statusCode(201)
                .body("hostname", equalTo("twice.example.com")).body("kind", equalTo("custom"));
        operator().put("/tenants/twice/hostnames/twice.example.com").then().statusCode(200)
                .body("hostname", equalTo("twice.example.com"));

        assertThat(routeTenantOf("twice.example.com")).isEqualTo("twice");
        assertThat(routesOf("twice")).hasSize(3);
        operator().get("/tenants/twice/events").then()
                .body("findAll { it.detailType == 'TenantHostnameRegistered' }.detail.hostname",
                        contains("twice.example.com"));
    }

    @Test
    void shouldLetExactlyOneOfTwoConcurrentRegistrationsOfAHostnameWin() {
        onboard("racera", "basic");
        onboard("raceb", "basic");

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(
                () -> operator().put("/tenants/racera/hostnames/race.example.com").statusCode());
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(
                () -> operator().put("/tenants/raceb/hostnames/race.example.com").statusCode());

        assertThat(List.of(a.join(), b.join())).containsExactlyInAnyOrder(201, 409);
        assertThat(routeTenantOf("race.example.com")).isEqualTo(a.join() == 201 ? "racera" : "raceb");
    }

    @Test
    void shouldRefuseInvalidHostnamesAndHostnamesUnderTheBaseDomainWith400() {
        onboard("invalid", "basic");
        String label63 = "a".repeat(63);
        List<String> invalid = List.of("shop.example.com:8080", "Shop.example.com", "*.com", "a..b", "localhost",
                "shop.example.com.", "-shop.example.com", "shop-.example.com", "shop_1.example.com", "*.*.example.com",
                "a" + label63 + ".example.com", String.join(".", label63, label63, label63, "a".repeat(59)) + ".com",
                "invalid." + BASE_DOMAIN, "other." + BASE_DOMAIN, "*." + BASE_DOMAIN, BASE_DOMAIN);

        Map<String, String> answers = new TreeMap<>();
        for (String hostname : invalid) {
            Response answer = operator().put("/tenants/invalid/hostnames/{hostname}", hostname);
            answers.put(hostname, answer.statusCode() + " " + answer.path("type"));
        }

        assertThat(answers).as("hostname -> answer").allSatisfy((hostname, answer) -> assertThat(answer)
                .isEqualTo("400 urn:shiptrack:problem:invalid-request"));

        assertThat(routesOf("invalid")).as("only the tenant item and the subdomain").hasSize(2);
    }

    @Test
    void shouldStoreAWildcardAsTheHostItemOfItsPattern() {
        onboard("wildcard", "premium");

        operator().put("/tenants/wildcard/hostnames/{hostname}", "*.wildcard.example").then().statusCode(201);

        assertThat(routeTenantOf("*.wildcard.example")).isEqualTo("wildcard");
        operator().get("/tenants/wildcard/hostnames").then()
                .body("hostname", contains("*.wildcard.example", "wildcard." + BASE_DOMAIN))
                .body("kind", contains("custom", "subdomain"));
    }

    @Test
    void shouldNeverDeleteAnotherTenantsHostnameAndNeverTheSubdomain() {
        onboard("keeper", "basic");
        onboard("intruder", "basic");
        operator().put("/tenants/keeper/hostnames/kept.example.com").then().statusCode(201);

        operator().delete("/tenants/intruder/hostnames/kept.example.com").then().statusCode(404)
                .contentType("application/problem+json");
        operator().delete("/tenants/keeper/hostnames/keeper." + BASE_DOMAIN).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(routeTenantOf("kept.example.com")).isEqualTo("keeper");
        assertThat(routeTenantOf("keeper." + BASE_DOMAIN)).isEqualTo("keeper");

        operator().delete("/tenants/keeper/hostnames/kept.example.com").then().statusCode(204);
        assertThat(route(TenantDataLayout.hostRouteKey("kept.example.com"))).isEmpty();
        operator().delete("/tenants/keeper/hostnames/kept.example.com").then().statusCode(404);
        operator().get("/tenants/keeper/events").then()
                .body("findAll { it.detailType == 'TenantHostnameUnregistered' }.detail.hostname",
                        contains("kept.example.com"));
    }

    @Test
    void shouldChangeTheTierInTheRegistryTheDataPlaneAndTheRoutesRegistry() throws SQLException {
        onboard("upgrade", "basic");

        operator().contentType("application/json").body("{\"tier\": \"premium\"}").patch("/tenants/upgrade").then()
                .statusCode(200).body("id", equalTo("upgrade")).body("tier", equalTo("premium"))
                .body("status", equalTo("ACTIVE"));

        operator().get("/tenants/upgrade").then().body("tier", equalTo("premium"));
        assertThat(dataPlaneTier("upgrade")).isEqualTo("premium");
        assertThat(route(TenantDataLayout.tenantRouteKey("upgrade")).get(TenantDataLayout.TIER_ATTRIBUTE).s())
                .isEqualTo("premium");
        operator().get("/tenants/upgrade/events").then()
                .body("findAll { it.detailType == 'TenantTierChanged' }.detail.from", contains("basic"))
                .body("findAll { it.detailType == 'TenantTierChanged' }.detail.to", contains("premium"));
    }

    /**
     * DynamoDB hung (SIGSTOP): its port takes the writes and applies them when it resumes, after the service has
     * given up on them. The change is refused promptly and, once the store runs again, no store says premium.
     */
    @Test
    void shouldAnswerATierChangeWith503PromptlyWhileDynamoDbHangsAndLeaveNoStoreChanged() throws Exception {
        onboard("stalled", "basic");

        long started = System.nanoTime();
        Response refused;
        try (PausedProcess hung = PausedProcess.pause(TenantBackendsResource.dynamoDbPid())) {
            refused = operator().contentType("application/json").body(Map.of("tier", "premium"))
                    .patch("/tenants/stalled");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // Two bounded calls (the change, then the old tier written back), 5 s each; the SDK's defaults waited 30 s
        // per attempt, with retries.
        assertThat(took).as("answered in %s", took).isLessThan(Duration.ofSeconds(15));
        operator().get("/tenants/stalled").then().body("tier", equalTo("basic"));
        assertThat(dataPlaneTier("stalled")).as("the transaction rolled back").isEqualTo("basic");
        // The writes DynamoDB received while it hung are applied now: the late premium must not win.
        Thread.sleep(3_000);
        assertThat(route(TenantDataLayout.tenantRouteKey("stalled")).get(TenantDataLayout.TIER_ATTRIBUTE).s())
                .as("the routes item once the late writes are applied").isEqualTo("basic");
        patchTier("stalled", "premium").statusCode(200);
        assertThat(route(TenantDataLayout.tenantRouteKey("stalled")).get(TenantDataLayout.TIER_ATTRIBUTE).s())
                .as("the same request once DynamoDB answers").isEqualTo("premium");
    }

    @Test
    void shouldRefuseTierAndHostnameChangesWhileAnOperationRunsAndForUnknownTenants() throws SQLException {
        registryRow("onboarding", "PROVISIONING");
        registryRow("leaving", "OFFBOARDING");

        for (String tenant : List.of("onboarding", "leaving")) {
            patchTier(tenant, "standard").statusCode(409).contentType("application/problem+json");
            operator().put("/tenants/" + tenant + "/hostnames/busy.example.com").then().statusCode(409);
        }
        patchTier("neveronboarded", "standard").statusCode(404).contentType("application/problem+json");
        operator().put("/tenants/neveronboarded/hostnames/busy.example.com").then().statusCode(404);
        assertThat(route(TenantDataLayout.hostRouteKey("busy.example.com"))).isEmpty();
        assertThat(route(TenantDataLayout.tenantRouteKey("onboarding"))).isEmpty();
    }

    @Test
    void shouldRefuseTiersOutsideTheThreeAndAnyFieldButTheTier() throws SQLException {
        onboard("strict", "standard");

        for (String body : List.of("{\"tier\": \"platinum\"}", "{\"tier\": \"Premium\"}", "{}",
                "{\"tier\": \"premium\", \"name\": \"Renamed\"}")) {
            operator().contentType("application/json").body(body).patch("/tenants/strict").then().statusCode(400)
                    .contentType("application/problem+json");
        }

        assertThat(dataPlaneTier("strict")).isEqualTo("standard");
        assertThat(route(TenantDataLayout.tenantRouteKey("strict")).get(TenantDataLayout.TIER_ATTRIBUTE).s())
                .isEqualTo("standard");
    }

    @Test
    void shouldDeleteEveryRoutesItemOfTheTenantAtOffboardingAndNoneOfAnotherTenant() {
        onboard("leaver", "premium");
        onboard("stayer", "basic");
        operator().put("/tenants/leaver/hostnames/leaver.example.com").then().statusCode(201);
        operator().put("/tenants/leaver/hostnames/{hostname}", "*.leaver.example.com").then().statusCode(201);
        operator().put("/tenants/stayer/hostnames/stayer.example.com").then().statusCode(201);
        List<Map<String, AttributeValue>> stayerBefore = routesOf("stayer");

        operator().delete("/tenants/leaver").then().statusCode(200).body("status", equalTo("DELETED"));

        assertThat(routesOf("leaver")).isEmpty();
        assertThat(routesOf("stayer")).isEqualTo(stayerBefore).hasSize(3);
        operator().get("/tenants/leaver/events").then()
                .body("find { it.detailType == 'TenantOffboardingSucceeded' }.detail.routesDeleted", equalTo(4));
        patchTier("leaver", "basic").statusCode(404);
        operator().put("/tenants/leaver/hostnames/leaver.example.com").then().statusCode(404);
    }

    private static ValidatableResponse patchTier(String tenant, String tier) {
        return operator().contentType("application/json").body(Map.of("tier", tier)).patch("/tenants/" + tenant)
                .then();
    }

    private static String routeTenantOf(String hostname) {
        return route(TenantDataLayout.hostRouteKey(hostname)).get(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE).s();
    }

    private static String dataPlaneTier(String tenant) throws SQLException {
        try (Connection connection = TenantBackendsResource.registryConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT tier FROM public.tenants WHERE tenant_id = ?")) {
            select.setString(1, tenant);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("tenant row of %s", tenant).isTrue();
                return row.getString(1);
            }
        }
    }
}
