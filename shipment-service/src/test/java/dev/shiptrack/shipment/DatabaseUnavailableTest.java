package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** PostgreSQL refusing connections: every endpoint answers 503 problem+json with Retry-After, never a 500. */
@QuarkusTest
@TestProfile(DatabaseUnavailableTest.NoDatabase.class)
class DatabaseUnavailableTest {

    private static final String YELLOW = TestTokens.forTenant("yellow");

    /** The application's pool points at a port nobody listens on; no migration at start. */
    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + FreePorts.next() + "/shipments",
                    "quarkus.flyway.migration.migrate-at-start", "false");
        }
    }

    @Test
    void shouldAnswerServiceUnavailableOnEveryEndpointWhenTheDatabaseRefuses() {
        as(YELLOW).get("/shipments").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:database-unavailable"))
                .header("Retry-After", notNullValue());
        as(YELLOW).get("/shipments/" + UUID.randomUUID()).then().statusCode(503)
                .body("type", equalTo("urn:shiptrack:problem:database-unavailable"));
        as(YELLOW).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(Shipments.body(Shipments.marker("yellow"))).post("/shipments").then().statusCode(503)
                .body("type", equalTo("urn:shiptrack:problem:database-unavailable"));
    }
}
