package dev.shiptrack.shipment;

import static dev.shiptrack.shipment.support.Shipments.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.shipment.support.Database;
import dev.shiptrack.shipment.support.Shipments;
import dev.shiptrack.shipment.support.TestTenants;
import dev.shiptrack.shipment.support.TestTokens;
import dev.shiptrack.shipment.support.TrackingStub;
import dev.shiptrack.shipment.support.TrackingStubUp;
import dev.shiptrack.testsupport.Timed;
import dev.shiptrack.testsupport.UnavailableAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL hung (SIGSTOP to the postmaster and its backends: connections are accepted, nothing answers): reads and
 * creates answer 503 problem+json with Retry-After instead of waiting, readiness says DOWN, a create refused during
 * the hang stored nothing, and after the hang the same request with its Idempotency-Key creates the shipment once.
 */
@QuarkusTest
@ExtendWith({ TestTenants.class, TrackingStubUp.class })
class HungDatabaseTest {

    /** Proves the waiting is cut short and leaves room for a busy machine; measured figures: docs/reliability.md. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final String YELLOW = TestTokens.forTenant("yellow");

    @Test
    void shouldAnswerPromptlyAndStoreNothingWhilePostgresHangs() throws Exception {
        UUID existing = Shipments.create(YELLOW, Shipments.marker("yellow"));
        TrackingStub.forgetRequests();
        String marker = Shipments.marker("yellow");
        String key = UUID.randomUUID().toString();

        Timed<Response> list;
        Timed<Response> get;
        Timed<Response> create;
        Timed<Response> readiness;
        try (PausedProcess hung = Database.hang()) {
            list = Timed.of(() -> as(YELLOW).get("/shipments"));
            get = Timed.of(() -> as(YELLOW).get("/shipments/" + existing));
            create = Timed.of(() -> create(key, marker));
            readiness = Timed.of(() -> given().get("/q/health/ready"));
        }

        UnavailableAnswers.assertRefusedPromptly("database-unavailable", ANSWERED_WITHIN, List.of(list, get, create));
        assertThat(readiness.result().statusCode()).as(readiness.result().asString()).isEqualTo(503);
        assertThat(readiness.took()).as("readiness answered in %s", readiness.took()).isLessThan(ANSWERED_WITHIN);
        System.out.printf("PostgreSQL hung: list %d ms, get %d ms, create %d ms, readiness %d ms%n",
                list.took().toMillis(), get.took().toMillis(), create.took().toMillis(), readiness.took().toMillis());

        Instant resumed = Instant.now();
        awaitTrue(() -> given().get("/q/health/ready").statusCode() == 200, "readiness UP again");
        Duration readyAgain = Duration.between(resumed, Instant.now());
        assertThat(Database.countByOrderReference("ORD-" + marker)).as("the refused create stored nothing").isZero();
        assertThat(TrackingStub.requests()).as("LABEL_CREATED never sent for it").isEmpty();

        Response retry = create(key, marker);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(Database.countByOrderReference("ORD-" + marker)).isEqualTo(1);
        System.out.printf("PostgreSQL resumed: ready again after %d ms%n", readyAgain.toMillis());
    }

    private static Response create(String key, String marker) {
        return as(YELLOW).header("Idempotency-Key", key).contentType(ContentType.JSON).body(Shipments.body(marker))
                .post("/shipments");
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY);
        while (!condition.get()) {
            assertThat(Instant.now()).as(what + " within " + RECOVERY).isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
