package dev.shiptrack.shipment.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.shipment.repository.RowLevelSecurityRefusedException;
import dev.shiptrack.shipment.repository.TenantDatabaseLoginRefusedException;

/** A refusal by PostgreSQL's isolation is a 403 problem and an audit line, never a 500. */
class ProblemMappersTest {

    private final Logger audit = Logger.getLogger("dev.shiptrack.shipment.audit");
    private final List<String> auditLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            auditLines.add(String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureAuditLog() {
        audit.addHandler(capture);
    }

    @AfterEach
    void releaseAuditLog() {
        audit.removeHandler(capture);
    }

    @Test
    void shouldAnswerRowLevelSecurityRefusalWithForbiddenAndAudit() {
        Response response = new ProblemMappers()
                .refusedByRowLevelSecurity(new RowLevelSecurityRefusedException("yellow", "shipments", null));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat((String) response.getEntity()).contains("\"status\":403").doesNotContain("yellow", "shipments");
        assertThat(auditLines).containsExactly(
                "isolation-refusal tenant=yellow resource=shipments layer=postgres-row-level-security");
    }

    @Test
    void shouldAnswerRefusedTenantLoginWithForbiddenAndAudit() {
        Response response = new ProblemMappers().refusedDatabaseLogin(new TenantDatabaseLoginRefusedException("green", null));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(auditLines).containsExactly(
                "isolation-refusal tenant=green resource=database-login layer=postgres-authentication");
    }
}
