package dev.shiptrack.tenant.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.TenantApiTest;
import dev.shiptrack.tenant.TenantBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Silo storage through the tenant API, against the local run's real backends: the service creates, fills and deletes
 * silo tables with the tenants' own ABAC sessions through the IAM-enforcing edge, and DynamoDB is read and written
 * behind it with the account's admin key (items written that way play tracking-service's writes).
 */
@QuarkusTest
@WithTestResource(TenantBackendsResource.class)
class TenantStorageTest extends TenantApiTest {

    private static final String POOLED = TrackingStores.TABLE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MOVE_TO_SILO_STEPS = List.of("silo-table", "copy", "verify", "switch", "drain",
            "catch-up", "erase-source");
    private static final List<String> MOVE_TO_POOL_STEPS = MOVE_TO_SILO_STEPS.subList(1, MOVE_TO_SILO_STEPS.size());

    @Test
    void shouldGiveAPremiumTenantASiloTableHoldingItsStatusAndRouteItAsSilo() {
        onboard("silostart", "premium");

        operator().get("/tenants/silostart").then().body("storage", equalTo("silo"));
        TableDescription table = admin.describeTable(describe -> describe.tableName(silo("silostart"))).table();
        assertThat(table.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(admin.describeTimeToLive(ttl -> ttl.tableName(silo("silostart"))).timeToLiveDescription())
                .satisfies(ttl -> {
                    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
                    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                });
        assertThat(statusIn(silo("silostart"), "silostart")).isEqualTo("ACTIVE");
        assertThat(statusIn(POOLED, "silostart")).as("no status item in the pooled table").isNull();
        assertThat(route(TenantDataLayout.tenantRouteKey("silostart")))
                .containsEntry(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS("silo"))
                .containsEntry(TenantDataLayout.TIER_ATTRIBUTE, AttributeValue.fromS("premium"));
        operator().get("/tenants/silostart").then().body("stepsDone", equalTo(List.of("tenant-row", "database-role",
                "search-index", "silo-table", "identity-user", "routes", "tenant-status")));
    }

    @Test
    void shouldKeepAStandardTenantPooledWithNoTableOfItsOwn() {
        onboard("poolstart", "standard");

        operator().get("/tenants/poolstart").then().body("storage", equalTo("pool"))
                .body("stepsDone", equalTo(List.of("tenant-row", "database-role", "search-index", "identity-user",
                        "routes", "tenant-status")));
        assertThat(tableExists(silo("poolstart"))).isFalse();
        assertThat(statusIn(POOLED, "poolstart")).isEqualTo("ACTIVE");
        assertThat(route(TenantDataLayout.tenantRouteKey("poolstart")))
                .containsEntry(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS("pool"));
    }

    @Test
    void shouldOnboardWithTheStorageTheRequestNamesAndRefuseAnyOtherValue() {
        onboard("premiumpool", "premium", Map.of("storage", "pool"));
        onboard("basicsilo", "basic", Map.of("storage", "silo"));

        operator().get("/tenants/premiumpool").then().body("storage", equalTo("pool"));
        assertThat(tableExists(silo("premiumpool"))).isFalse();
        operator().get("/tenants/basicsilo").then().body("storage", equalTo("silo"));
        assertThat(statusIn(silo("basicsilo"), "basicsilo")).isEqualTo("ACTIVE");
        for (String storage : List.of("shared", "SILO", "")) {
            operator().contentType("application/json").body(Map.of("id", "sharedstore", "name", "Shared", "tier",
                            "premium", "storage", storage,
                            "admin", Map.of("username", "shared-admin", "email", "admin@shared.example")))
                    .post("/tenants").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:shiptrack:problem:invalid-request"));
        }
        operator().get("/tenants/sharedstore").then().statusCode(404);
        assertThat(tableExists(silo("sharedstore"))).isFalse();
    }

    @Test
    void shouldAnswerARetryWithTheSameStorageAndRefuseOneWithAnother() {
        onboard("retrystore", "premium", Map.of("storage", "pool"));

        postTenant("retrystore", "premium", Map.of("storage", "pool")).statusCode(200)
                .body("storage", equalTo("pool"));
        postTenant("retrystore", "premium", Map.of()).statusCode(409)
                .contentType("application/problem+json");
        onboard("retrydefault", "premium");
        postTenant("retrydefault", "premium", Map.of("storage", "silo")).statusCode(200)
                .body("storage", equalTo("silo"));
    }

    @Test
    void shouldKeepTheStorageWhenTheTierChanges() {
        onboard("tierkeeper", "premium");

        operator().contentType("application/json").body(Map.of("tier", "basic")).patch("/tenants/tierkeeper").then()
                .statusCode(200).body("tier", equalTo("basic")).body("storage", equalTo("silo"));

        assertThat(route(TenantDataLayout.tenantRouteKey("tierkeeper")))
                .containsEntry(TenantDataLayout.TIER_ATTRIBUTE, AttributeValue.fromS("basic"))
                .containsEntry(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS("silo"));
        assertThat(tableExists(silo("tierkeeper"))).isTrue();
    }

    /** 520 events: more than a page of the index query, the Scan and a BatchGetItem. */
    @Test
    void shouldMoveAPooledTenantToItsSiloTableAndBackWithEveryItemAndNoneLeftBehind() {
        onboard("mover", "standard");
        onboard("moverb", "standard");
        writeEvents(POOLED, "mover", 520);
        writeEvents(POOLED, "moverb", 30);
        Set<Map<String, AttributeValue>> moverItems = itemsOf(POOLED, "mover");
        Set<Map<String, AttributeValue>> neighbourItems = itemsOf(POOLED, "moverb");
        assertThat(moverItems).as("events and status item").hasSize(521);

        moveTo("mover", "silo").statusCode(200).body("storage", equalTo("silo")).body("status", equalTo("ACTIVE"));

        assertThat(itemsOf(silo("mover"), "mover")).isEqualTo(moverItems);
        assertThat(allItems(silo("mover"))).as("nothing but the tenant's items").hasSize(moverItems.size());
        assertThat(itemsOf(POOLED, "mover")).isEmpty();
        assertThat(itemsOf(POOLED, "moverb")).isEqualTo(neighbourItems);
        assertThat(route(TenantDataLayout.tenantRouteKey("mover")))
                .containsEntry(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS("silo"));
        assertThat(moveSteps("mover")).isEqualTo(MOVE_TO_SILO_STEPS);
        JsonNode events = events("mover");
        assertThat(detailOf(events, "TenantStorageMoveStarted").path("from").asText()).isEqualTo("pool");
        assertThat(detailOf(events, "TenantStorageMoved").path("to").asText()).isEqualTo("silo");
        assertThat(stepDetail(events, "copy").path("copied").asInt()).isEqualTo(521);
        assertThat(stepDetail(events, "verify").path("sourceItems").asInt()).isEqualTo(521);
        assertThat(stepDetail(events, "erase-source").path("deleted").asInt()).isEqualTo(521);

        moveTo("mover", "pool").statusCode(200).body("storage", equalTo("pool")).body("status", equalTo("ACTIVE"));

        assertThat(itemsOf(POOLED, "mover")).isEqualTo(moverItems);
        assertThat(tableExists(silo("mover"))).isFalse();
        assertThat(itemsOf(POOLED, "moverb")).isEqualTo(neighbourItems);
        assertThat(route(TenantDataLayout.tenantRouteKey("mover")))
                .containsEntry(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS("pool"));
        List<String> steps = moveSteps("mover");
        assertThat(steps.subList(MOVE_TO_SILO_STEPS.size(), steps.size())).isEqualTo(MOVE_TO_POOL_STEPS);
    }

    @Test
    void shouldMoveASuspendedTenantAndLeaveItSuspendedWithItsStatusInTheNewTable() {
        onboard("sleeper", "basic");
        operator().post("/tenants/sleeper/suspend").then().statusCode(201);

        moveTo("sleeper", "silo").statusCode(200).body("status", equalTo("SUSPENDED"))
                .body("storage", equalTo("silo"));

        assertThat(statusIn(silo("sleeper"), "sleeper")).isEqualTo("SUSPENDED");
        assertThat(statusIn(POOLED, "sleeper")).isNull();
        operator().post("/tenants/sleeper/activate").then().statusCode(201);
        assertThat(statusIn(silo("sleeper"), "sleeper")).as("activation writes the silo table").isEqualTo("ACTIVE");
        assertThat(statusIn(POOLED, "sleeper")).isNull();
    }

    /**
     * A service whose registry snapshot still says pool writes to the pooled table after the switch: the catch-up
     * after the drain copies the item, before the pooled items are erased.
     */
    @Test
    void shouldCopyAnItemWrittenToTheSourceAfterTheSwitchIntoTheTarget() throws Exception {
        onboard("latewriter", "standard");
        writeEvents(POOLED, "latewriter", 10);

        CompletableFuture<Response> move = CompletableFuture.supplyAsync(() -> moveTo("latewriter", "silo")
                .extract().response());
        awaitRoutedStorage("latewriter", "silo");
        Map<String, AttributeValue> late = event("latewriter", 999);
        admin.putItem(put -> put.tableName(POOLED).item(late));
        assertThat(moveSteps("latewriter")).as("the write came before the catch-up").doesNotContain("catch-up");

        Response moved = move.join();
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
        assertThat(itemsOf(silo("latewriter"), "latewriter")).contains(late).hasSize(12);
        assertThat(itemsOf(POOLED, "latewriter")).isEmpty();
        assertThat(stepDetail(events("latewriter"), "catch-up").path("copiedMissing").asInt()).isEqualTo(1);
    }

    @Test
    void shouldDeleteTheSiloTableAndThePooledLeftoversWhenOffboardingASiloTenant() {
        onboard("silogone", "premium");
        writeEvents(silo("silogone"), "silogone", 30);
        // What a move that failed before erasing its source may leave in the pooled table.
        writeEvents(POOLED, "silogone", 3);

        operator().delete("/tenants/silogone").then().statusCode(200).body("status", equalTo("DELETED"));

        assertThat(tableExists(silo("silogone"))).isFalse();
        assertThat(itemsOf(POOLED, "silogone")).isEmpty();
        JsonNode succeeded = detailOf(events("silogone"), "TenantOffboardingSucceeded");
        assertThat(succeeded.path("siloItemsDeleted").asInt()).as("events and status item").isEqualTo(31);
        assertThat(succeeded.path("itemsDeleted").asInt()).isEqualTo(3);
    }

    /**
     * Tenant isoa (whose id prefixes isoa2's) moves to silo and back beside a pooled and a silo neighbour: their items
     * stay as they were, and every call of the moves was made with isoa's own session (or, for the routes item, the
     * service's role), each allowed by IAM at the edge, so none could have reached another tenant's keys.
     */
    @Test
    void shouldNeverReadCopyOrDeleteAnotherTenantsItemsWhileMoving() throws IOException {
        onboard("isoa", "standard");
        onboard("isoa2", "standard");
        onboard("isoa3", "premium");
        writeEvents(POOLED, "isoa", 40);
        writeEvents(POOLED, "isoa2", 40);
        writeEvents(silo("isoa3"), "isoa3", 40);
        Set<Map<String, AttributeValue>> pooledNeighbour = itemsOf(POOLED, "isoa2");
        Set<Map<String, AttributeValue>> siloNeighbour = allItems(silo("isoa3"));
        int decisionsBefore = Files.readAllLines(TenantBackendsResource.auditFile()).size();

        moveTo("isoa", "silo").statusCode(200);
        assertThat(allItems(silo("isoa"))).as("only isoa's items in its table").hasSize(41)
                .allSatisfy(item -> assertThat(item.get("pk").s()).startsWith("isoa#"));
        moveTo("isoa", "pool").statusCode(200);

        assertThat(itemsOf(POOLED, "isoa2")).isEqualTo(pooledNeighbour);
        assertThat(allItems(silo("isoa3"))).isEqualTo(siloNeighbour);
        List<String> lines = Files.readAllLines(TenantBackendsResource.auditFile());
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : lines.subList(decisionsBefore, lines.size())) {
            JsonNode decision = JSON.readTree(line);
            if (!decision.path("principal").asText().endsWith(":root")) {
                // The account root's calls are this test's own reads.
                decisions.add(decision);
            }
        }
        assertThat(decisions).as("the moves' calls").hasSizeGreaterThan(20).allSatisfy(decision -> {
            assertThat(decision.path("decision").asText()).as(decision.toString()).isEqualTo("ALLOWED");
            String principal = decision.path("principal").asText();
            if (principal.contains(":assumed-role/TenantProvisioningRole/")) {
                assertThat(decision.path("tags").path("TenantID").asText()).as(decision.toString()).isEqualTo("isoa");
                assertThat(decision.path("resource").asText()).as(decision.toString())
                        .matches(".*:table/" + POOLED + "(-isoa|/index/tenant-items)?");
            } else if (decision.path("action").asText().startsWith("sts:")) {
                assertThat(decision.path("requestTags").path("TenantID").asText()).as(decision.toString())
                        .isEqualTo("isoa");
            } else {
                assertThat(principal).as(decision.toString()).endsWith(":role/TenantServiceRole");
                assertThat(decision.path("decidingStatement").asText()).isEqualTo("MaintainTenantRoutes");
            }
        });
    }

    @Test
    void shouldAnswerAMoveOfTheStorageTheTenantHasWith200AndDoNothing() {
        onboard("stayput", "standard");
        int eventsBefore = events("stayput").size();

        moveTo("stayput", "pool").statusCode(200).body("storage", equalTo("pool")).body("status", equalTo("ACTIVE"));

        assertThat(events("stayput").size()).isEqualTo(eventsBefore);
        assertThat(tableExists(silo("stayput"))).isFalse();
    }

    @Test
    void shouldRefuseUnknownTenantsAndBodiesThatAreNoStorageModel() {
        onboard("badmove", "standard");

        moveTo("neveronboarded", "silo").statusCode(404).contentType("application/problem+json");
        operator().contentType("application/json").body(Map.of("model", "silo")).put("/tenants/Bad_Id/storage")
                .then().statusCode(400).contentType("application/problem+json");
        for (String body : List.of("{\"model\": \"shared\"}", "{\"model\": \"SILO\"}", "{}", "{\"model\": null}",
                "{\"model\": \"silo\", \"table\": \"x\"}", "\"silo\"", "silo")) {
            operator().contentType("application/json").body(body).put("/tenants/badmove/storage").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:shiptrack:problem:invalid-request"));
        }
        operator().get("/tenants/badmove").then().body("storage", equalTo("pool")).body("status", equalTo("ACTIVE"));
        assertThat(tableExists(silo("badmove"))).isFalse();
    }

    /** While a move runs (the drain gives it seconds) no other operation of the tenant may start. */
    @Test
    void shouldRefuseEveryOtherOperationWhileAMoveRunsWith409() throws Exception {
        onboard("busymover", "standard");
        writeEvents(POOLED, "busymover", 5);
        registryRow("stillonboarding", "PROVISIONING");

        CompletableFuture<Response> move = CompletableFuture.supplyAsync(() -> moveTo("busymover", "silo")
                .extract().response());
        awaitStatus("busymover", "MOVING");
        List<Response> refused = List.of(
                moveTo("busymover", "silo").extract().response(),
                moveTo("busymover", "pool").extract().response(),
                operator().post("/tenants/busymover/suspend"),
                operator().contentType("application/json").body(Map.of("tier", "premium"))
                        .patch("/tenants/busymover"),
                operator().put("/tenants/busymover/hostnames/busy.example.com"),
                operator().delete("/tenants/busymover"));
        assertThat(moveSteps("busymover")).as("refused while the move ran").doesNotContain("erase-source");

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(move.join().statusCode()).isEqualTo(200);
        operator().get("/tenants/busymover").then().body("status", equalTo("ACTIVE")).body("storage", equalTo("silo"))
                .body("tier", equalTo("standard"));
        moveTo("stillonboarding", "silo").statusCode(409).contentType("application/problem+json");
    }

    /**
     * DynamoDB hung (SIGSTOP) when the move begins: it stops FAILED at its first step with 503, the tenant's users are
     * still served from the pooled table, and the same request once DynamoDB answers again finishes the move.
     */
    @Test
    void shouldLeaveAFailedMoveFailedAtItsStepAndFinishItWhenTheSameRequestComesAgain() throws Exception {
        onboard("resumer", "standard");
        writeEvents(POOLED, "resumer", 10);
        Set<Map<String, AttributeValue>> items = itemsOf(POOLED, "resumer");

        try (PausedProcess hung = PausedProcess.pause(TenantBackendsResource.dynamoDbPid())) {
            moveTo("resumer", "silo").statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("urn:shiptrack:problem:step-failed"))
                    .body("detail", startsWith("storage move of resumer stopped at step silo-table"));
        }

        operator().get("/tenants/resumer").then().body("status", equalTo("FAILED"))
                .body("failedOperation", equalTo("STORAGE_MOVE")).body("failedStep", equalTo("silo-table"))
                .body("storage", equalTo("pool")).body("movingTo", equalTo("silo"));
        assertThat(route(TenantDataLayout.tenantRouteKey("resumer")))
                .containsEntry(TenantDataLayout.STORAGE_ATTRIBUTE, AttributeValue.fromS("pool"));
        assertThat(itemsOf(POOLED, "resumer")).as("nothing erased").isEqualTo(items);
        moveTo("resumer", "pool").statusCode(409).contentType("application/problem+json");
        operator().post("/tenants/resumer/suspend").then().statusCode(409);

        moveTo("resumer", "silo").statusCode(200).body("status", equalTo("ACTIVE")).body("storage", equalTo("silo"));

        assertThat(itemsOf(silo("resumer"), "resumer")).isEqualTo(items);
        assertThat(itemsOf(POOLED, "resumer")).isEmpty();
        assertThat(detailOf(events("resumer"), "TenantStorageMoveFailed").path("step").asText())
                .isEqualTo("silo-table");
    }

    private static ValidatableResponse moveTo(String tenant, String model) {
        return operator().contentType("application/json").body(Map.of("model", model))
                .put("/tenants/" + tenant + "/storage").then();
    }

    private static String silo(String tenant) {
        return TenantDataLayout.siloTable(POOLED, tenant);
    }

    private static boolean tableExists(String table) {
        try {
            admin.describeTable(describe -> describe.tableName(table));
            return true;
        } catch (ResourceNotFoundException absent) {
            return false;
        }
    }

    /** An event item as tracking-service writes it (attributes beyond the keys are the item's own). */
    private static Map<String, AttributeValue> event(String tenant, int number) {
        return Map.of("pk", AttributeValue.fromS(tenant + "#ship" + number / 10),
                "sk", AttributeValue.fromS(String.format("event#%04d", number)),
                TenantDataLayout.TENANT_KEY, AttributeValue.fromS(TenantDataLayout.tenantKey(tenant)),
                "status", AttributeValue.fromS("IN_TRANSIT"),
                "location", AttributeValue.fromS("Hub " + number));
    }

    private static void writeEvents(String table, String tenant, int count) {
        List<WriteRequest> writes = new ArrayList<>();
        for (int number = 0; number < count; number++) {
            Map<String, AttributeValue> item = event(tenant, number);
            writes.add(WriteRequest.builder().putRequest(put -> put.item(item)).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
            assertThat(admin.batchWriteItem(write -> write.requestItems(Map.of(table, batch))).unprocessedItems())
                    .isEmpty();
        }
    }

    /** The tenant's items in the table, read with the admin key. */
    private static Set<Map<String, AttributeValue>> itemsOf(String table, String tenant) {
        return new HashSet<>(admin.scanPaginator(scan -> scan.tableName(table).consistentRead(true)
                        .filterExpression("begins_with(pk, :prefix)")
                        .expressionAttributeValues(Map.of(":prefix",
                                AttributeValue.fromS(TenantDataLayout.tenantKey(tenant)))))
                .items().stream().toList());
    }

    private static Set<Map<String, AttributeValue>> allItems(String table) {
        return new HashSet<>(admin.scanPaginator(scan -> scan.tableName(table).consistentRead(true)).items().stream()
                .toList());
    }

    /** The status the tenant's status item in the table holds; null when there is none. */
    private static String statusIn(String table, String tenant) {
        Map<String, AttributeValue> item = admin.getItem(get -> get.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant)),
                "sk", AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY)))).item();
        return item == null || item.isEmpty() ? null : item.get(TenantDataLayout.STATUS_ATTRIBUTE).s();
    }

    private static JsonNode events(String tenant) {
        try {
            return JSON.readTree(operator().get("/tenants/" + tenant + "/events").then().statusCode(200).extract()
                    .asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The steps of the tenant's moves recorded done, in order. */
    private static List<String> moveSteps(String tenant) {
        List<String> steps = new ArrayList<>();
        events(tenant).forEach(event -> {
            if (event.path("detailType").asText().equals("TenantStorageMoveStepDone")) {
                steps.add(event.path("detail").path("step").asText());
            }
        });
        return steps;
    }

    /** The detail of the first event of that type. */
    private static JsonNode detailOf(JsonNode events, String detailType) {
        for (JsonNode event : events) {
            if (event.path("detailType").asText().equals(detailType)) {
                return event.path("detail");
            }
        }
        throw new AssertionError("no event " + detailType + " in " + events);
    }

    /** The detail of the first step event of that step. */
    private static JsonNode stepDetail(JsonNode events, String step) {
        for (JsonNode event : events) {
            if (event.path("detailType").asText().equals("TenantStorageMoveStepDone")
                    && event.path("detail").path("step").asText().equals(step)) {
                return event.path("detail");
            }
        }
        throw new AssertionError("no step " + step + " in " + events);
    }

    /** Waits until the routes item says the storage, as the services would next read it. */
    private static void awaitRoutedStorage(String tenant, String model) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!AttributeValue.fromS(model).equals(route(TenantDataLayout.tenantRouteKey(tenant))
                .get(TenantDataLayout.STORAGE_ATTRIBUTE))) {
            assertThat(System.nanoTime()).as("the routes item of %s says %s in time", tenant, model)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitStatus(String tenant, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!status.equals(operator().get("/tenants/" + tenant).then().extract().path("status"))) {
            assertThat(System.nanoTime()).as("%s is %s in time", tenant, status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
