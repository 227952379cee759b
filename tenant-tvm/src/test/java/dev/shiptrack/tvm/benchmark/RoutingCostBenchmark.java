package dev.shiptrack.tvm.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.shiptrack.tvm.routing.EdgeSignature;
import dev.shiptrack.tvm.routing.TenantRoutes;

/**
 * What tenant routing adds to a request, without the HTTP around it (issue 11): resolving the host in a registry of
 * 10,000 tenants (a subdomain and a wildcard custom hostname each) and comparing it with the token's tenant, and
 * verifying the edge's HMAC with two secrets, each against an empty loop over the same inputs. Nanoseconds per
 * request, median of rounds of a million; prints figures, asserts nothing (docs/benchmarks.md has the command).
 */
@Tag("benchmark")
class RoutingCostBenchmark {

    private static final int TENANTS = 10_000;
    private static final int ROUNDS = 7;
    private static final int PER_ROUND = 1_000_000;
    private static final String SECRET = "edge-secret-current-0123456789abcdef01234";
    private static final String PREVIOUS = "edge-secret-previous-9876543210fedcba9876";

    @Test
    void printTheCostOfHostResolutionAndOfTheEdgeSignature() {
        Map<String, String> hosts = new HashMap<>();
        String[] tenants = new String[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = "tenant" + i;
            hosts.put(tenants[i] + ".shiptrack.example.com", tenants[i]);
            hosts.put("*." + tenants[i] + "-parcels.example", tenants[i]);
        }
        TenantRoutes routes = new TenantRoutes(hosts, Map.of(), Set.of());
        // Half the requests on subdomains, half on wildcard custom hostnames (the longer path: two lookups).
        String[] requestHosts = new String[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            requestHosts[i] = i % 2 == 0 ? tenants[i] + ".shiptrack.example.com" : "shop." + tenants[i] + "-parcels.example";
        }
        long now = Instant.now().getEpochSecond();
        String[] signatures = new String[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            signatures[i] = EdgeSignature.sign(SECRET, now, requestHosts[i], tenants[i]);
        }
        List<String> secrets = List.of(PREVIOUS, SECRET);

        double baseline = nanosPerCall(i -> requestHosts[i % TENANTS].length() > 0 && tenants[i % TENANTS] != null);
        double resolve = nanosPerCall(i -> routes.tenantOfHost(requestHosts[i % TENANTS])
                .filter(tenants[i % TENANTS]::equals).isPresent());
        double verify = nanosPerCall(i -> EdgeSignature.verify(signatures[i % TENANTS], requestHosts[i % TENANTS],
                tenants[i % TENANTS], secrets, Instant.now(), Duration.ofMinutes(5)) == EdgeSignature.Verdict.VALID);

        System.out.printf("%,d hostnames of %,d tenants; median of %d rounds of %,d requests:%n", hosts.size(), TENANTS,
                ROUNDS, PER_ROUND);
        System.out.printf("  empty loop over the same inputs:                 %8.1f ns%n", baseline);
        System.out.printf("  host resolution and agreement with the token:    %8.1f ns (+%.1f ns)%n", resolve,
                resolve - baseline);
        System.out.printf("  edge signature, signed with the second secret:   %8.1f ns (+%.1f ns)%n", verify,
                verify - baseline);
    }

    /** Median nanoseconds per call over the rounds; every call must hold, so the JIT cannot drop the work. */
    private static double nanosPerCall(IntPredicate call) {
        double[] rounds = new double[ROUNDS];
        for (int round = -2; round < ROUNDS; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                if (!call.test(i)) {
                    throw new AssertionError("request " + i + " did not route");
                }
            }
            if (round >= 0) {
                rounds[round] = (System.nanoTime() - started) / (double) PER_ROUND;
            }
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }
}
