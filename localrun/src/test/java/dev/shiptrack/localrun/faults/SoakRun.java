package dev.shiptrack.localrun.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shiptrack.localrun.client.ApiClient;
import dev.shiptrack.backends.KeycloakTokens;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.seed.DemoData;

/**
 * The soak run (issue 13, on demand): requests at a fixed rate, round robin over the tenants, for a fixed time
 * (an open loop: a slow answer does not slow the schedule down). Each request is one of: create a shipment (with an
 * Idempotency-Key), record an event on the tenant's latest shipment, read it, read its events, search. It measures
 * each service's resident memory (from /proc) and used heap (from its Prometheus metrics) after the warm-up and at
 * the end, counts every answer that is not 2xx, and reports latency percentiles.
 */
public final class SoakRun {

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)",
            Pattern.MULTILINE);

    /** A tenant of the load and the user (password = user name) whose token it uses, refreshed every 5 minutes. */
    public record Tenant(String id, String user) {
    }

    /** A service whose memory is followed: its base URL and its process. */
    public record Service(String name, URI url, ProcessHandle process) {
    }

    /** Resident memory and used heap of one service at one moment; heap empty when the metrics do not say. */
    public record Memory(long rssBytes, OptionalLong heapBytes) {
    }

    public record Report(Duration duration, int ratePerSecond, int tenants, long requests, long errors,
            List<String> firstErrors, long p50Millis, long p99Millis, long p999Millis,
            Map<String, Memory> afterWarmUp, Map<String, Memory> atEnd) {

        /** RSS at the end relative to after the warm-up, per service. */
        public double rssGrowth(String service) {
            return (double) atEnd.get(service).rssBytes() / afterWarmUp.get(service).rssBytes() - 1;
        }
    }

    private final ShiptrackUrls urls;
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(5);

    private final List<Tenant> tenants;
    private final KeycloakTokens keycloak;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Service> services;
    private final ApiClient api = new ApiClient();
    private final HttpClient metrics = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> latestShipment = new ConcurrentHashMap<>();
    private final Queue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    public SoakRun(ShiptrackUrls urls, KeycloakTokens keycloak, List<Tenant> tenants, List<Service> services) {
        this.urls = urls;
        this.keycloak = keycloak;
        this.tenants = tenants;
        this.services = services;
    }

    public Report run(Duration duration, Duration warmUp, int ratePerSecond) throws Exception {
        refreshTokens();
        ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
        ExecutorService clients = Executors.newCachedThreadPool();
        schedule.scheduleAtFixedRate(this::refreshTokens, TOKEN_REFRESH.toMillis(), TOKEN_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        schedule.scheduleAtFixedRate(() -> clients.submit(this::oneRequest), 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(warmUp.toMillis());
        latencies.clear();
        errors.clear();
        long requestsBefore = sequence.get();
        Map<String, Memory> afterWarmUp = memory();
        Thread.sleep(duration.toMillis());
        schedule.shutdownNow();
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.MINUTES);
        Map<String, Memory> atEnd = memory();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Report(duration, ratePerSecond, tenants.size(), sequence.get() - requestsBefore, errors.size(),
                errors.stream().limit(5).toList(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 0.999), afterWarmUp, atEnd);
    }

    /** Access tokens live 30 minutes in the local realm; a soak run is longer. */
    private void refreshTokens() {
        for (Tenant tenant : tenants) {
            try {
                tokens.put(tenant.id(), keycloak.accessToken(tenant.user(), tenant.user()));
            } catch (IOException e) {
                errors.add(tenant.id() + ": no token (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void oneRequest() {
        long n = sequence.getAndIncrement();
        Tenant tenant = tenants.get((int) (n % tenants.size()));
        String token = tokens.get(tenant.id());
        String shipment = latestShipment.get(tenant.id());
        int kind = shipment == null ? 0 : (int) ((n / tenants.size()) % 5);
        long start = System.nanoTime();
        try {
            ApiClient.Answer answer = switch (kind) {
                case 0 -> api.postJson(urls.shipments(), token,
                        DemoData.newShipment("soak-" + n, "Hamburg", "Munich", "DE", "DHL"), "soak-" + n);
                case 1 -> api.postJson(urls.events(shipment), token,
                        Map.of("status", "IN_TRANSIT", "location", "Hub", "note", "soak " + n), "soak-event-" + n);
                case 2 -> api.get(urls.shipment(shipment), token);
                case 3 -> api.get(urls.events(shipment), token);
                default -> api.get(urls.search("soak"), token);
            };
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (answer.status() / 100 != 2) {
                errors.add(tenant.id() + " request " + kind + ": " + answer);
            } else if (kind == 0) {
                latestShipment.put(tenant.id(), answer.json().path("id").asText());
            }
        } catch (IOException e) {
            errors.add(tenant.id() + " request " + kind + ": no answer (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Memory> memory() throws IOException, InterruptedException {
        Map<String, Memory> memory = new LinkedHashMap<>();
        for (Service service : services) {
            memory.put(service.name(), new Memory(rss(service.process()), heap(service.url())));
        }
        return memory;
    }

    private static long rss(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    private OptionalLong heap(URI service) throws IOException, InterruptedException {
        String body = metrics.send(HttpRequest.newBuilder(service.resolve("/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher pools = HEAP.matcher(body);
        double total = 0;
        boolean found = false;
        while (pools.find()) {
            total += Double.parseDouble(pools.group(1));
            found = true;
        }
        return found ? OptionalLong.of((long) total) : OptionalLong.empty();
    }

    private static long percentile(List<Long> sorted, double fraction) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    /** The report as a table, one row per service, and a summary line. */
    public static String table(Report report) {
        StringBuilder table = new StringBuilder(String.format(
                "%d tenants, %d requests/s for %d min: %,d requests, %d errors, latency p50 %d ms, p99 %d ms, p99.9 %d ms%n"
                        + "| service | RSS after warm-up | RSS at end | growth | heap after warm-up | heap at end |%n"
                        + "|---|---|---|---|---|---|%n",
                report.tenants(), report.ratePerSecond(), report.duration().toMinutes(), report.requests(),
                report.errors(), report.p50Millis(), report.p99Millis(), report.p999Millis()));
        report.afterWarmUp().forEach((service, before) -> {
            Memory after = report.atEnd().get(service);
            table.append(String.format("| %s | %.1f MB | %.1f MB | %+.1f %% | %s | %s |%n", service,
                    before.rssBytes() / 1e6, after.rssBytes() / 1e6, 100 * report.rssGrowth(service),
                    megabytes(before.heapBytes()), megabytes(after.heapBytes())));
        });
        return table.toString();
    }

    private static String megabytes(OptionalLong bytes) {
        return bytes.isPresent() ? String.format("%.1f MB", bytes.getAsLong() / 1e6) : "n/a";
    }
}
