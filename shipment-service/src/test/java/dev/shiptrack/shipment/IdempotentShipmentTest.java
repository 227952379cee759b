package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.shipment.support.Database;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStub;
import dev.shiptrack.shipment.support.TrackingStubUp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * {@code Idempotency-Key} on {@code POST /shipments}: a retry answers the first shipment, racing retries create one,
 * another body is refused, a failed attempt leaves the key free, an expired key creates anew, and another tenant's
 * key never matches. With a pool of eight connections, so that racing retries really meet in PostgreSQL.
 */
@QuarkusTest
@TestProfile(IdempotentShipmentTest.EightConnections.class)
@ExtendWith({ TestTenants.class, TrackingStubUp.class })
class IdempotentShipmentTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");
    private static final String BLUE = TestTokens.forTenant("blue");

    /** More than one connection, so that concurrent requests run concurrent transactions. */
    public static class EightConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "8");
        }
    }

    @Test
    void shouldAnswerARetryWithTheShipmentCreatedTheFirstTime() throws SQLException {
        String marker = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();

        Response first = post(YELLOW, key, Shipments.body(marker));
        Response retry = post(YELLOW, key, Shipments.body(marker));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(1);
        assertThat(labelCreatedRequests()).as("tracking-service asked once").hasSize(1);
    }

    @Test
    void shouldCreateOneShipmentWhenRetriesRace() throws Exception {
        String marker = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();
        List<Callable<Response>> retries = IntStream.range(0, 8)
                .<Callable<Response>>mapToObj(i -> () -> post(YELLOW, key, Shipments.body(marker))).toList();

        ExecutorService clients = Executors.newFixedThreadPool(retries.size());
        List<Response> answers;
        try {
            answers = clients.invokeAll(retries).stream().map(IdempotentShipmentTest::answer).toList();
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.jsonPath().getString("id")).containsOnly(
                answers.get(0).jsonPath().getString("id"));
        assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(1);
        assertThat(labelCreatedRequests()).hasSize(1);
    }

    @Test
    void shouldRefuseTheKeyWithAnotherBody() throws SQLException {
        String marker = Shipments.marker("yellow");
        String other = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();
        post(YELLOW, key, Shipments.body(marker)).then().statusCode(201);

        post(YELLOW, key, Shipments.body(other)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:idempotency-key-reused"))
                .body("status", equalTo(422));

        assertThat(Database.countByOrderReference("ORD-" + other)).isZero();
        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(1);
    }

    @Test
    void shouldCreateTheShipmentWhenTheKeysFirstAttemptFailed() throws SQLException {
        String marker = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();
        TrackingStub.down();
        post(YELLOW, key, Shipments.body(marker)).then().statusCode(503);
        TrackingStub.up();

        Response retry = post(YELLOW, key, Shipments.body(marker));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).as("the failed attempt claimed nothing").isNull();
        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(1);
    }

    @Test
    void shouldCreateANewShipmentOnceTheKeyExpired() throws SQLException {
        String marker = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();
        String first = post(YELLOW, key, Shipments.body(marker)).then().statusCode(201).extract().path("id");
        expire("yellow", key);

        Response later = post(YELLOW, key, Shipments.body(marker));

        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.jsonPath().getString("id")).isNotEqualTo(first);
        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(2);
        assertThat(post(YELLOW, key, Shipments.body(marker)).jsonPath().getString("id"))
                .as("the key now answers with the new shipment").isEqualTo(later.jsonPath().getString("id"));
    }

    @Test
    void shouldNeverAnswerWithAnotherTenantsShipmentForTheSameKey() throws SQLException {
        String marker = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();
        String yellows = post(YELLOW, key, Shipments.body(marker)).then().statusCode(201).extract().path("id");

        Response blues = post(BLUE, key, Shipments.body(marker));

        assertThat(blues.statusCode()).isEqualTo(201);
        assertThat(blues.header("Idempotent-Replayed")).isNull();
        assertThat(blues.jsonPath().getString("id")).isNotEqualTo(yellows);
        assertThat(blues.asString()).doesNotContain(yellows);
        assertThat(Database.countByOrderReference("ORD-" + marker)).as("one shipment each").isEqualTo(2);
        as(BLUE).get("/shipments/" + yellows).then().statusCode(404);
    }

    @Test
    void shouldRefuseAMalformedKeyAndStoreNothing() throws SQLException {
        String marker = Shipments.marker("yellow");

        post(YELLOW, "not a key!", Shipments.body(marker)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("idempotencyKey must match [A-Za-z0-9._:-]{1,128}"));
        post(YELLOW, "k".repeat(129), Shipments.body(marker)).then().statusCode(400);

        assertThat(Database.countByOrderReference("ORD-" + marker)).isZero();
        assertThat(labelCreatedRequests()).isEmpty();
    }

    private static Response post(String token, String key, String body) {
        return as(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/shipments");
    }

    private static Response answer(Future<Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, String>> labelCreatedRequests() {
        return TrackingStub.requests().stream().filter(request -> request.get("method").equals("POST")).toList();
    }

    /** Moves the key's expiry into the past, as a day passing would. */
    private static void expire(String tenantId, String key) throws SQLException {
        try (Connection superuser = Database.asSuperuser();
                PreparedStatement update = superuser.prepareStatement("update shipment_idempotency_keys "
                        + "set expires_at = now() - interval '1 second' where tenant_id = ? and idempotency_key = ?")) {
            update.setString(1, tenantId);
            update.setString(2, key);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
