package dev.shiptrack.tvm.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EdgeSignatureTest {

    private static final String SECRET = "edge-secret-0123456789abcdef0123456789";
    private static final String NEXT_SECRET = "edge-secret-rotated-9876543210fedcba98765";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    private static EdgeSignature.Verdict verify(String header, String host, String tenant, List<String> secrets) {
        return EdgeSignature.verify(header, host, tenant, secrets, NOW, SKEW);
    }

    @Test
    void shouldAcceptWhatTheEdgeSignedForThisHostAndTenant() {
        String header = EdgeSignature.sign(SECRET, NOW.getEpochSecond(), "yellow.shiptrack.example", "yellow");

        assertThat(verify(header, "yellow.shiptrack.example", "yellow", List.of(SECRET)))
                .isEqualTo(EdgeSignature.Verdict.VALID);
    }

    @Test
    void shouldRefuseASignatureMovedToAnotherTenantOrHost() {
        String header = EdgeSignature.sign(SECRET, NOW.getEpochSecond(), "yellow.shiptrack.example", "yellow");

        assertThat(verify(header, "yellow.shiptrack.example", "blue", List.of(SECRET)))
                .isEqualTo(EdgeSignature.Verdict.WRONG_SIGNATURE);
        assertThat(verify(header, "blue.shiptrack.example", "yellow", List.of(SECRET)))
                .isEqualTo(EdgeSignature.Verdict.WRONG_SIGNATURE);
        assertThat(verify(header, "yellow.shiptrack.example", "", List.of(SECRET)))
                .isEqualTo(EdgeSignature.Verdict.WRONG_SIGNATURE);
    }

    @Test
    void shouldRefuseASignatureMadeWithAnotherSecret() {
        String header = EdgeSignature.sign("not-the-shared-secret-at-all-000000000", NOW.getEpochSecond(),
                "yellow.shiptrack.example", "yellow");

        assertThat(verify(header, "yellow.shiptrack.example", "yellow", List.of(SECRET)))
                .isEqualTo(EdgeSignature.Verdict.WRONG_SIGNATURE);
    }

    @Test
    void shouldAcceptBothSecretsDuringARotation() {
        String old = EdgeSignature.sign(SECRET, NOW.getEpochSecond(), "yellow.shiptrack.example", "yellow");
        String rotated = EdgeSignature.sign(NEXT_SECRET, NOW.getEpochSecond(), "yellow.shiptrack.example", "yellow");

        assertThat(verify(old, "yellow.shiptrack.example", "yellow", List.of(NEXT_SECRET, SECRET)))
                .isEqualTo(EdgeSignature.Verdict.VALID);
        assertThat(verify(rotated, "yellow.shiptrack.example", "yellow", List.of(NEXT_SECRET, SECRET)))
                .isEqualTo(EdgeSignature.Verdict.VALID);
        assertThat(verify(old, "yellow.shiptrack.example", "yellow", List.of(NEXT_SECRET)))
                .isEqualTo(EdgeSignature.Verdict.WRONG_SIGNATURE);
    }

    @Test
    void shouldRefuseAReplayedOrFutureSignature() {
        long tooOld = NOW.minus(SKEW).minusSeconds(1).getEpochSecond();
        long tooNew = NOW.plus(SKEW).plusSeconds(1).getEpochSecond();
        long justInside = NOW.minus(SKEW).getEpochSecond();

        assertThat(verify(EdgeSignature.sign(SECRET, tooOld, "h.example", "yellow"), "h.example", "yellow",
                List.of(SECRET))).isEqualTo(EdgeSignature.Verdict.OUT_OF_TIME);
        assertThat(verify(EdgeSignature.sign(SECRET, tooNew, "h.example", "yellow"), "h.example", "yellow",
                List.of(SECRET))).isEqualTo(EdgeSignature.Verdict.OUT_OF_TIME);
        assertThat(verify(EdgeSignature.sign(SECRET, justInside, "h.example", "yellow"), "h.example", "yellow",
                List.of(SECRET))).isEqualTo(EdgeSignature.Verdict.VALID);
    }

    @Test
    void shouldCallAnythingButOneWellFormedValueMalformed() {
        String valid = EdgeSignature.sign(SECRET, NOW.getEpochSecond(), "h.example", "yellow");

        for (String header : new String[] {null, "", "t=1", valid.toUpperCase(), valid + ";v1=" + "0".repeat(64),
                valid + ", " + valid, "v1=" + "0".repeat(64) + ";t=" + NOW.getEpochSecond(), valid.replace("t=", "t=-"),
                valid.replace(";", ",")}) {
            assertThat(verify(header, "h.example", "yellow", List.of(SECRET))).as(String.valueOf(header))
                    .isEqualTo(EdgeSignature.Verdict.MALFORMED);
        }
    }

    @Test
    void shouldRefuseEverythingWhenNoSecretIsConfigured() {
        String header = EdgeSignature.sign(SECRET, NOW.getEpochSecond(), "h.example", "yellow");

        assertThat(verify(header, "h.example", "yellow", List.of())).isEqualTo(EdgeSignature.Verdict.WRONG_SIGNATURE);
    }
}
