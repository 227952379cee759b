package dev.shiptrack.localaws.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    private static final AuditRecord DENIAL = new AuditRecord(Instant.parse("2026-01-02T03:04:05Z"),
            "arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/tenant-yellow", "tenant-yellow",
            Map.of("TenantID", "yellow"), Map.of(), "dynamodb:GetItem",
            "arn:aws:dynamodb:us-east-1:123456789012:table/TrackingData", "IMPLICITLY_DENIED", null, null);

    @Test
    void shouldAppendOneJsonLinePerDecisionToTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit/decisions.jsonl");
        try (AuditTrail trail = new AuditTrail(Optional.of(file))) {
            trail.record(DENIAL);
            trail.record(DENIAL);
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(line.path("principal").asText()).endsWith("assumed-role/TrackingAccessRole/tenant-yellow");
        assertThat(line.path("session").asText()).isEqualTo("tenant-yellow");
        assertThat(line.path("tags").path("TenantID").asText()).isEqualTo("yellow");
        assertThat(line.path("action").asText()).isEqualTo("dynamodb:GetItem");
        assertThat(line.path("decision").asText()).isEqualTo("IMPLICITLY_DENIED");
        assertThat(line.has("decidingStatement")).isTrue();
    }

    @Test
    void shouldKeepOnlyTheNewestDecisionsInMemory() {
        try (AuditTrail trail = new AuditTrail(Optional.empty())) {
            for (int i = 0; i < AuditTrail.RETAINED + 5; i++) {
                trail.record(DENIAL);
            }
            assertThat(trail.decisions()).hasSize(AuditTrail.RETAINED);
            trail.clear();
            assertThat(trail.decisions()).isEmpty();
        }
    }
}
