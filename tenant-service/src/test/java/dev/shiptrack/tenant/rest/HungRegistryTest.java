package dev.shiptrack.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.tenant.TenantApiTest;
import dev.shiptrack.tenant.TenantBackendsResource;
import dev.shiptrack.testsupport.Timed;
import dev.shiptrack.testsupport.UnavailableAnswers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * PostgreSQL hung (SIGSTOP to the postmaster and its backends: connections are accepted, nothing answers): the tenant
 * API answers 503 database-unavailable with Retry-After within seconds instead of the driver's wait, readiness says
 * DOWN, and once PostgreSQL runs again the same reads answer.
 */
@QuarkusTest
@WithTestResource(TenantBackendsResource.class)
class HungRegistryTest extends TenantApiTest {

    /** The bounds are 1 s (a free connection), 1 s (its check) and 2 s (an answer); the rest is room for a busy machine. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(5);

    @Test
    void shouldAnswer503PromptlyWhilePostgresHangsAndAnswerAgainOnceItRuns() throws Exception {
        onboard("hungreg", "basic");

        Timed<Response> list;
        Timed<Response> get;
        Timed<Response> events;
        Timed<Response> readiness;
        try (PausedProcess hung = PausedProcess.pause(TenantBackendsResource.postgresPid())) {
            list = Timed.of(() -> operator().get("/tenants"));
            get = Timed.of(() -> operator().get("/tenants/hungreg"));
            events = Timed.of(() -> operator().get("/tenants/hungreg/events"));
            readiness = Timed.of(() -> given().get("/q/health/ready"));
        }

        UnavailableAnswers.assertRefusedPromptly("database-unavailable", ANSWERED_WITHIN, List.of(list, get, events));
        assertThat(readiness.result().statusCode()).as(readiness.result().asString()).isEqualTo(503);
        assertThat(readiness.took()).as("readiness answered in %s", readiness.took()).isLessThan(ANSWERED_WITHIN);
        System.out.printf("PostgreSQL hung: list %d ms, get %d ms, events %d ms, readiness %d ms%n",
                list.took().toMillis(), get.took().toMillis(), events.took().toMillis(), readiness.took().toMillis());

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response again;
        do {
            again = operator().get("/tenants/hungreg");
        } while (again.statusCode() != 200 && System.nanoTime() < deadline);
        assertThat(again.statusCode()).as("the same read once PostgreSQL runs: %s", again.asString()).isEqualTo(200);
        assertThat(again.jsonPath().getString("status")).isEqualTo("ACTIVE");
    }
}
