package dev.shiptrack.localaws.sigv4;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.evaluator.NamedPolicy;
import dev.shiptrack.localaws.iam.Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";
    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<NamedPolicy> rolePolicies = List.of(new NamedPolicy("tracking-access-policy.json",
            JSON.createObjectNode().put("Version", "2012-10-17")));

    @Test
    void shouldTakeOverEverySessionWithItsTagsAndSessionPolicyFromTheFile(@TempDir Path data) throws Exception {
        Path file = data.resolve("sessions.jsonl");
        CredentialStore first = new CredentialStore(clock);
        first.keepSessionsIn(file, role -> rolePolicies);
        CredentialStore.Credentials issued = first.issue(session("yellow", NOW.plusSeconds(900), Optional.of(
                new NamedPolicy("session-policy", JSON.readTree("{\"Statement\":[{\"Effect\":\"Allow\"}]}")))));

        CredentialStore restarted = new CredentialStore(clock);
        restarted.keepSessionsIn(file, role -> role.equals(ROLE) ? rolePolicies : List.of());

        assertThat(restarted.find(issued.accessKeyId())).contains(issued);
    }

    @Test
    void shouldLeaveExpiredSessionsBehind(@TempDir Path data) {
        Path file = data.resolve("sessions.jsonl");
        CredentialStore first = new CredentialStore(clock);
        first.keepSessionsIn(file, role -> rolePolicies);
        CredentialStore.Credentials live = first.issue(session("yellow", NOW.plusSeconds(900), Optional.empty()));
        CredentialStore.Credentials expired = first.issue(session("blue", NOW.minusSeconds(1), Optional.empty()));

        CredentialStore restarted = new CredentialStore(clock);
        restarted.keepSessionsIn(file, role -> rolePolicies);

        assertThat(restarted.find(live.accessKeyId())).isPresent();
        assertThat(restarted.find(expired.accessKeyId())).isEmpty();
    }

    private Principal session(String tenant, Instant expiration, Optional<NamedPolicy> sessionPolicy) {
        return new Principal("arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/s-" + tenant, ROLE,
                "s-" + tenant, Map.of("TenantID", tenant, "StorageModel", "pool"), Set.of("TenantID"), rolePolicies,
                sessionPolicy, false, expiration.truncatedTo(ChronoUnit.SECONDS));
    }
}
