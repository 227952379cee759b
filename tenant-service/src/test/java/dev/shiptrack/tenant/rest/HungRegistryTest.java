package dev.shiptrack.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
 * DOWN, and once PostgreSQL runs again the same reads answer; an operation that failed while PostgreSQL could not take
 * the failure, or whose COMMIT PostgreSQL applied without the answer arriving, is recorded FAILED once it can, and the
 * same request then finishes it.
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

    /**
     * Offboarding stalls on a hung DynamoDB (its first step), PostgreSQL hangs meanwhile, so the step's failure cannot
     * be recorded when it happens: once PostgreSQL runs, the tenant turns FAILED at that step within seconds (not
     * OFFBOARDING, which every retry would find "in progress" until {@code stalled-after}), and the same DELETE ends it.
     */
    @Test
    void shouldRecordAFailurePostgresCouldNotTakeOnceItRunsSoThatTheSameRequestFinishesTheOperation() throws Exception {
        onboard("hungoff", "basic");

        Response failed;
        try (PausedProcess dynamoDb = PausedProcess.pause(TenantBackendsResource.dynamoDbPid())) {
            CompletableFuture<Response> offboarding = CompletableFuture.supplyAsync(
                    () -> operator().delete("/tenants/hungoff"));
            await("offboarding claimed", () -> "OFFBOARDING".equals(registryStatus("hungoff")[0]));
            try (PausedProcess postgres = PausedProcess.pause(TenantBackendsResource.postgresPid())) {
                failed = offboarding.get();
            }
        }
        await("the failure recorded", () -> "FAILED".equals(registryStatus("hungoff")[0]));
        String[] recorded = registryStatus("hungoff");
        Response finished = operator().delete("/tenants/hungoff");

        assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(503);
        assertThat(recorded).containsExactly("FAILED", "tenant-status", "OFFBOARDING");
        assertThat(finished.statusCode()).as(finished.asString()).isEqualTo(200);
        assertThat(finished.jsonPath().getString("status")).isEqualTo("DELETED");
    }

    /**
     * PostgreSQL commits a step, but the answer to COMMIT comes after the driver stopped waiting (a deferred trigger
     * makes the commit take 3 s; {@code socketTimeout} is 2 s): onboarding does not know whether the step counted. The
     * failure is recorded all the same, because this request still holds the operation (a check on the row's last
     * change would find the committed step and record nothing), so the same POST finishes the tenant instead of being
     * told "in progress" until {@code stalled-after}.
     */
    @Test
    void shouldRecordTheFailureOfAStepWhoseCommitWasNotAnsweredSoThatTheSameRequestFinishesIt() throws Exception {
        assertOnboardingFinishedAfterACommitWithoutAnswer("indoubtstep", "UPDATE",
                "'tenant-row' = ANY(NEW.steps_done) AND NOT 'tenant-row' = ANY(OLD.steps_done)", "tenant-row");
    }

    /**
     * The same for the transaction that claims the onboarding (the registry row inserted PROVISIONING): it committed
     * without the request learning it, and no step ran. Recorded FAILED at {@code start}; the same POST finishes it.
     */
    @Test
    void shouldRecordTheFailureOfAClaimWhoseCommitWasNotAnsweredSoThatTheSameRequestFinishesIt() throws Exception {
        assertOnboardingFinishedAfterACommitWithoutAnswer("indoubtclaim", "INSERT", "true", "start");
    }

    /**
     * Onboards {@code tenant} while PostgreSQL takes 3 s to commit the change ({@code event} meeting {@code condition})
     * of its registry row: 503, then FAILED at {@code failedStep}, then the same POST answers 201 ACTIVE.
     */
    private static void assertOnboardingFinishedAfterACommitWithoutAnswer(String tenant, String event, String condition,
            String failedStep) throws Exception {
        Response failed;
        try (AutoCloseable slow = slowCommit(tenant, event, condition)) {
            failed = postTenant(tenant, "basic", Map.of()).extract().response();
        }
        await("the failure recorded", () -> "FAILED".equals(registryStatus(tenant)[0]));
        String[] recorded = registryStatus(tenant);
        Response finished = postTenant(tenant, "basic", Map.of()).extract().response();

        assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(503);
        assertThat(recorded).containsExactly("FAILED", failedStep, "ONBOARDING");
        assertThat(finished.statusCode()).as(finished.asString()).isEqualTo(201);
        assertThat(finished.jsonPath().getString("status")).isEqualTo("ACTIVE");
    }

    /**
     * A deferred trigger that makes PostgreSQL take 3 s to COMMIT a change ({@code event}) of the tenant's registry row
     * that meets {@code condition}; closing it drops the trigger.
     */
    private static AutoCloseable slowCommit(String tenant, String event, String condition) throws SQLException {
        String trigger = "slow_commit_" + tenant;
        execute("CREATE OR REPLACE FUNCTION control_plane.slow_commit() RETURNS trigger LANGUAGE plpgsql"
                + " AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$");
        execute("CREATE CONSTRAINT TRIGGER " + trigger + " AFTER " + event + " ON control_plane.tenant_registry"
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.tenant_id = '" + tenant + "' AND " + condition
                + ") EXECUTE FUNCTION control_plane.slow_commit()");
        return () -> execute("DROP TRIGGER " + trigger + " ON control_plane.tenant_registry");
    }

    private static void execute(String statement) throws SQLException {
        try (Connection connection = TenantBackendsResource.registryConnection();
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** Status, failed step and failed operation of the tenant's registry row, read on a connection of the test's own. */
    private static String[] registryStatus(String tenant) throws SQLException {
        try (Connection connection = TenantBackendsResource.registryConnection();
             PreparedStatement select = connection.prepareStatement("SELECT status, failed_step, failed_operation"
                     + " FROM control_plane.tenant_registry WHERE tenant_id = ?")) {
            select.setString(1, tenant);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new String[] {row.getString(1), row.getString(2), row.getString(3)};
            }
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
