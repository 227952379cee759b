package dev.shiptrack.tracking.rest;

import static dev.shiptrack.tracking.TrackingBackendsResource.NOISY_TENANT;
import static dev.shiptrack.tracking.TrackingBackendsResource.QUIET_TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shiptrack.testsupport.RoutesReadiness;
import dev.shiptrack.tracking.Tokens;
import dev.shiptrack.tracking.TrackingBackendsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Per-tier rate limits through the real service (the test profile's basic tier: 5 requests per second, burst 10): a
 * noisy basic tenant is refused with 429 at its own limit, and a quiet standard tenant keeps every answer beside the
 * flood. The latencies
 * are printed, not asserted: the side-by-side latency figures come from bench/noisy-neighbour (docs/benchmarks.md).
 */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class TierRateLimitTest {

    /** The test profile's basic tier (application.properties, %test). */
    private static final int BASIC_PER_SECOND = 5;
    private static final int BASIC_BURST = 10;
    /** A flood that paces itself but never queues more than this many requests on a machine that cannot keep up. */
    private static final int MAX_FLOOD_IN_FLIGHT = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The flood's own client, so that the two tenants share nothing on the client side either. */
    private final HttpClient floodClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);

    /** Until the registry is read every tenant is basic: the quiet tenant is standard, read during start-up. */
    @BeforeEach
    void tiersReadAtStart() {
        RoutesReadiness.assertRegistryRead();
    }

    @AfterEach
    void stopPacing() {
        pacer.shutdownNow();
    }

    @Test
    void shouldThrottleATenantAboveItsTierWithAProblemAndRetryAfter() throws Exception {
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        // rounds of 16 at once until the limiter answers 429, however slow this machine is today
        for (int round = 0; round < 40 && answers.stream().noneMatch(answer -> answer.statusCode() == 429); round++) {
            answers.addAll(IntStream.range(0, 16)
                    .mapToObj(i -> http.sendAsync(history("throttled"), HttpResponse.BodyHandlers.ofString())).toList()
                    .stream().map(CompletableFuture::join).toList());
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<HttpResponse<String>> throttled = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        List<Integer> admittedStatuses = answers.stream().map(HttpResponse::statusCode).filter(status -> status != 429)
                .toList();
        long admitted = admittedStatuses.size();
        assertThat(admittedStatuses).as("admitted, a tenant never onboarded is refused after the limiter")
                .containsOnly(403);
        assertThat(admitted).as("burst plus what %.2f s refilled", seconds)
                .isBetween((long) BASIC_BURST, (long) (BASIC_BURST + Math.ceil(seconds * BASIC_PER_SECOND)));
        assertThat(throttled).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 2L);
            assertThat(JSON.readTree(answer.body()).path("type").asText())
                    .isEqualTo("urn:shiptrack:problem:too-many-requests");
        });
    }

    @Test
    void shouldKeepAQuietTenantsAnswersWhileANeighbourFloodsAtTenTimesItsLimit() throws Exception {
        Measured alone = quietFor(Duration.ofSeconds(3));

        ConcurrentLinkedQueue<Integer> noisyStatuses = new ConcurrentLinkedQueue<>();
        int floodPerSecond = 10 * BASIC_PER_SECOND;
        long floodStarted = System.nanoTime();
        Semaphore inFlight = new Semaphore(MAX_FLOOD_IN_FLIGHT);
        var flood = pacer.scheduleAtFixedRate(() -> {
            if (inFlight.tryAcquire()) {
                floodClient.sendAsync(history(NOISY_TENANT), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((answer, failure) -> {
                            inFlight.release();
                            noisyStatuses.add(failure == null ? answer.statusCode() : -1);
                        });
            }
        }, 0, TimeUnit.SECONDS.toMicros(1) / floodPerSecond, TimeUnit.MICROSECONDS);
        Thread.sleep(500);
        Measured beside = quietFor(Duration.ofSeconds(3));
        flood.cancel(false);
        double floodSeconds = (System.nanoTime() - floodStarted) / 1e9;
        Thread.sleep(1000);

        long noisyThrottled = noisyStatuses.stream().filter(status -> status == 429).count();
        long noisyAdmitted = noisyStatuses.size() - noisyThrottled;
        System.out.printf("quiet alone: %d requests, p50 %.1f ms; beside the flood: %d requests, p50 %.1f ms;"
                        + " noisy: %d requests in %.1f s (%.1f times its limit), %d throttled%n",
                alone.statuses.size(), alone.p50Millis(), beside.statuses.size(), beside.p50Millis(),
                noisyStatuses.size(), floodSeconds, noisyStatuses.size() / floodSeconds / BASIC_PER_SECOND,
                noisyThrottled);
        assertThat(alone.statuses).isNotEmpty().containsOnly(404);
        assertThat(beside.statuses).as("every quiet request answered, none throttled").isNotEmpty().containsOnly(404);
        assertThat(noisyStatuses).as("the flood is admitted or throttled, nothing else").containsOnly(404, 429);
        assertThat(noisyAdmitted).as("the noisy tenant got its burst and its rate, no more")
                .isBetween((long) BASIC_PER_SECOND, (long) (BASIC_BURST + Math.ceil(floodSeconds * BASIC_PER_SECOND)));
        assertThat(noisyThrottled).as("the flood went far beyond the limit").isGreaterThan(noisyAdmitted);
        assertThat(throttledCounter(NOISY_TENANT)).as("the per-tenant metric counts what was refused")
                .isEqualTo((double) noisyThrottled);
        assertThat(throttledCounter(QUIET_TENANT)).isZero();
    }

    /** The quiet tenant at up to 10 requests a second, a tenth of its standard limit, one at a time. */
    private Measured quietFor(Duration duration) throws Exception {
        Measured measured = new Measured();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            HttpResponse<Void> answer = http.send(history(QUIET_TENANT), HttpResponse.BodyHandlers.discarding());
            measured.latencies.add((System.nanoTime() - sent) / 1e6);
            measured.statuses.add(answer.statusCode());
            Thread.sleep(100);
        }
        return measured;
    }

    private HttpRequest history(String tenant) {
        return HttpRequest.newBuilder(root.resolve("/tracking/SHP-LIMITS/events")).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + Tokens.forTenant(tenant)).GET().build();
    }

    private double throttledCounter(String tenant) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(root.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher line = Pattern.compile("(?m)^tenant_requests_total\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        double total = 0;
        while (line.find()) {
            if (line.group(1).contains("tenant=\"" + tenant + "\"") && line.group(1).contains("outcome=\"throttled\"")) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    private static final class Measured {
        final List<Integer> statuses = new ArrayList<>();
        final List<Double> latencies = new ArrayList<>();

        double p50Millis() {
            return latencies.stream().sorted().skip(latencies.size() / 2).findFirst().orElseThrow();
        }
    }
}
