package dev.shiptrack.tvm.vending;

import dev.shiptrack.tvm.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionNamesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void shouldNameTenantAndServiceWithinStsLimitsForTheLongestValues() {
        TenantId longest = new TenantId("z".repeat(32));

        String name = SessionNames.sessionName("a".repeat(16), longest, Instant.parse("2999-12-31T23:59:59Z"),
                new Random(1));

        assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[\\w+=,.@-]+")
                .startsWith(longest.value() + "." + "a".repeat(16) + ".");
    }

    @Test
    void shouldTellApartVendsOfTheSameTenantInTheSameSecond() {
        Random random = new Random(7);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            names.add(SessionNames.sessionName("tracking", new TenantId("acme"), NOW, random));
        }

        assertThat(names).hasSize(1000).allSatisfy(name -> assertThat(name).startsWith("acme.tracking."));
    }

    @Test
    void shouldRefuseServiceNamesThatCouldBreakTheFormat() {
        for (String service : new String[]{"", "Tracking", "track ing", "a".repeat(17), "tracking/x"}) {
            assertThatThrownBy(() -> SessionNames.sessionName(service, new TenantId("acme"), NOW, new Random()))
                    .as(service).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
