package dev.shiptrack.localrun.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.shiptrack.backends.PausedProcess;
import dev.shiptrack.localrun.client.ApiClient;
import dev.shiptrack.localrun.client.ShiptrackUrls;
import dev.shiptrack.localrun.seed.DemoData;
import dev.shiptrack.localrun.seed.DemoTenants;

/**
 * The system fault suite (issue 13): one worker per tenant keeps a steady load on every endpoint (create a shipment,
 * record an event, store and read a document, read the shipment, its events and a search), one more plays the
 * operator reading tenant-service, and one more the operator onboarding a new tenant and offboarding it again, while
 * each backend in turn hangs (SIGSTOP for {@code pause}, then SIGCONT), then while each is killed (SIGKILL) and
 * restarted. Writes carry an {@code Idempotency-Key} (documents are PUTs; onboarding and offboarding are resumable by
 * design: the same request again continues where the last one stopped) and are retried on 503, on 202 (another
 * attempt counted as still running) or no answer, as a careful client would, until acknowledged. It records every
 * answer with the phase it fell in, samples both services' readiness every 100 ms, and notes any answer that
 * carries another tenant's marker. What was acknowledged is returned, for the caller to look up with privileged
 * reads of every store.
 */
public final class SystemFaultSuite {

    private static final Duration BASELINE = Duration.ofSeconds(3);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
    /** A write not acknowledged within this is given up (and reported as such, not as lost). */
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Duration READINESS_PERIOD = Duration.ofMillis(100);
    /** Status recorded when no answer came within the client's own timeout (30 s): a hang. */
    public static final int NO_ANSWER = -1;
    private static final String OPERATOR = "operator";
    private static final String LIFECYCLE = "lifecycle";
    /** The clients whose answers are the control plane's, held to its own bounds (docs/reliability.md). */
    private static final Set<String> CONTROL_PLANE = Set.of(OPERATOR, LIFECYCLE);

    /** A tenant of the load and its user's token. */
    public record Tenant(String id, String token) {

        /** The word every text this tenant writes contains, and no other tenant's. */
        String marker() {
            return "fs" + id;
        }
    }

    /**
     * A fault of one backend: {@code inject} starts it, closing what it returns ends it (resuming a paused process,
     * or waiting until a killed one has been restarted).
     *
     * @param kind    {@code hung} or {@code killed}, for the report
     * @param holdFor how long the fault lasts before it is ended (a hang's length; zero for a kill)
     */
    public record Fault(String backend, String kind, Duration holdFor, Callable<AutoCloseable> inject) {

        /** The backend's process hangs (SIGSTOP) for {@code pause}, then resumes (SIGCONT). */
        public static Fault hang(String backend, Duration pause, Supplier<PausedProcess> hang) {
            return new Fault(backend, "hung", pause, hang::get);
        }

        /** The backend is killed (SIGKILL) by {@code kill}, whose result waits for the restart when closed. */
        public static Fault kill(String backend, Callable<AutoCloseable> kill) {
            return new Fault(backend, "killed", Duration.ZERO, kill);
        }
    }

    public record Answer(String tenant, String operation, int status, long millis, String phase) {
    }

    /**
     * @param acknowledgedDuring the phase the 201 arrived in
     * @param attempts           the status of every attempt, the 201 last ({@link #NO_ANSWER} for none)
     */
    public record AcknowledgedShipment(String tenant, String id, String orderReference, String acknowledgedDuring,
            List<Integer> attempts) {
    }

    /**
     * The platform operator reading tenant-service (the tenants, each load tenant and its lifecycle events) and
     * onboarding and offboarding tenants of its own while the faults happen, so that the control plane is held to the
     * same bounds.
     */
    public record Operator(URI tenantService, String token) {

        URI tenants(String path) {
            return tenantService.resolve("/tenants" + path);
        }
    }

    /** An acknowledged write: its answer, the phase it arrived in, and the status of every attempt. */
    private record Acknowledged(ApiClient.Answer answer, String phase, List<Integer> attempts) {

        /** The tenant's status in the answer of tenant-service. */
        String tenantStatus() {
            return answer.json().path("status").asText();
        }
    }

    public record AcknowledgedEvent(String tenant, String shipmentId, String eventId, String note) {
    }

    /**
     * A tenant the operator onboarded during the suite (acknowledged with 201, or 200 for a retry that found it
     * done), and, when that was acknowledged too, offboarded.
     *
     * @param onboardedAs      the status the acknowledgement of the onboarding gave the tenant
     * @param suspendedAs      the status the acknowledgement of its suspension gave it; empty when given up
     * @param reactivatedAs    the status the acknowledgement of its reactivation gave it; empty when given up
     * @param offboardedDuring the phase the offboarding's 200 arrived in; empty when it was given up
     */
    public record LifecycleTenant(String id, String tier, String onboardedDuring, String onboardedAs,
            List<Integer> onboardingAttempts, Optional<String> suspendedAs, Optional<String> reactivatedAs,
            Optional<String> offboardedDuring, List<Integer> offboardingAttempts) {
    }

    /**
     * What one fault did: answers during the fault and the recovery, the slowest answer of the request path (the
     * tenants' requests to shipment- and tracking-service) and of the control plane (the operator's requests to
     * tenant-service, whose operations make several bounded calls in a row), readiness, and time to full recovery.
     */
    public record FaultReport(String backend, String kind, int requests, Map<Integer, Integer> byStatus,
            Optional<Answer> slowestRequestPath, Optional<Answer> slowestControlPlane,
            Optional<Duration> readinessDown, Optional<Duration> readinessUp, Duration recovered) {
    }

    public record Report(List<FaultReport> faults, List<Answer> answers, List<AcknowledgedShipment> shipments,
            List<AcknowledgedEvent> events, List<LifecycleTenant> lifecycle, List<String> crossTenantAnswers,
            List<String> unexpectedAnswers, List<String> writesGivenUp) {
    }

    /** One readiness answer of one service, stamped when it arrived. */
    private record Readiness(long nanos, URI service, boolean up) {
    }

    private final ShiptrackUrls urls;
    private final List<Tenant> tenants;
    private final Operator operator;
    /** Who must get through a whole iteration begun after a fault's end for the system to count as recovered. */
    private final List<String> loadWorkers;
    private final ApiClient api = new ApiClient();
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private volatile String phase = "baseline";
    private volatile boolean running = true;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<AcknowledgedShipment> shipments = new ConcurrentLinkedQueue<>();
    private final Queue<AcknowledgedEvent> events = new ConcurrentLinkedQueue<>();
    private final Queue<LifecycleTenant> lifecycle = new ConcurrentLinkedQueue<>();
    private final Queue<String> crossTenant = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Queue<Readiness> readiness = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> lastFullIteration = new ConcurrentHashMap<>();
    private final Queue<String> givenUp = new ConcurrentLinkedQueue<>();

    public SystemFaultSuite(ShiptrackUrls urls, List<Tenant> tenants, Operator operator) {
        this.urls = urls;
        this.tenants = tenants;
        this.operator = operator;
        this.loadWorkers = Stream.concat(tenants.stream().map(Tenant::id), Stream.of(OPERATOR, LIFECYCLE)).toList();
    }

    public Report run(List<Fault> faults) throws Exception {
        List<Thread> workers = new ArrayList<>();
        for (Tenant tenant : tenants) {
            workers.add(started(new Thread(() -> drive(tenant), "load-" + tenant.id())));
        }
        workers.add(started(new Thread(this::operate, "load-operator")));
        workers.add(started(new Thread(this::onboardAndOffboard, "load-lifecycle")));
        List<Thread> pollers = new ArrayList<>();
        for (URI service : List.of(urls.trackingService(), urls.shipmentService())) {
            Thread poller = new Thread(() -> sampleReadiness(service), "readiness-" + service.getPort());
            poller.setDaemon(true);
            pollers.add(started(poller));
        }
        Thread.sleep(BASELINE.toMillis());
        List<FaultReport> reports = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            reports.add(inject(faults.get(i), i + 1));
        }
        running = false;
        for (Thread worker : workers) {
            worker.join();
        }
        pollers.forEach(Thread::interrupt);
        return new Report(reports, List.copyOf(answers), List.copyOf(shipments), List.copyOf(events),
                List.copyOf(lifecycle), List.copyOf(crossTenant), List.copyOf(unexpected), List.copyOf(givenUp));
    }

    /** @param number the fault's place in the run, which keeps the phases of a fault repeated apart */
    private FaultReport inject(Fault fault, int number) throws Exception {
        String hung = "#" + number + " " + fault.backend() + " " + fault.kind();
        String recovering = "#" + number + " " + fault.backend() + " recovering";
        long start = System.nanoTime();
        phase = hung;
        try (AutoCloseable active = fault.inject().call()) {
            Thread.sleep(fault.holdFor().toMillis());
        }
        long resumed = System.nanoTime();
        phase = recovering;
        long recovered = awaitRecovery(resumed);
        phase = "between faults";
        List<Answer> during = answers.stream()
                .filter(answer -> answer.phase().equals(hung) || answer.phase().equals(recovering)).toList();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        during.forEach(answer -> byStatus.merge(answer.status(), 1, Integer::sum));
        Comparator<Answer> byTime = Comparator.comparingLong(Answer::millis);
        return new FaultReport(fault.backend(), fault.kind(), during.size(), byStatus,
                during.stream().filter(answer -> !CONTROL_PLANE.contains(answer.tenant())).max(byTime),
                during.stream().filter(answer -> CONTROL_PLANE.contains(answer.tenant())).max(byTime),
                firstDown(start).map(t -> since(start, t)), bothUp(resumed).map(t -> since(resumed, t)),
                since(resumed, recovered));
    }

    /** Both services ready and every tenant through a whole iteration begun after the resume. */
    private long awaitRecovery(long resumed) throws InterruptedException {
        long limit = resumed + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < limit) {
            boolean ready = bothUp(resumed).isPresent();
            boolean everyTenant = loadWorkers.stream()
                    .allMatch(worker -> lastFullIteration.getOrDefault(worker, 0L) > resumed);
            if (ready && everyTenant) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not recovered within " + RECOVERY_LIMIT + " of the resume; last answers: "
                + answers.stream().skip(Math.max(0, answers.size() - 10)).toList());
    }

    /** When the first DOWN answer of either service arrived after {@code after}. */
    private Optional<Long> firstDown(long after) {
        return readiness.stream().filter(sample -> sample.nanos() >= after && !sample.up())
                .map(Readiness::nanos).findFirst();
    }

    /** When both services had answered UP after {@code after}: the later of their first UP answers. */
    private Optional<Long> bothUp(long after) {
        Optional<Long> tracking = firstUp(urls.trackingService(), after);
        Optional<Long> shipment = firstUp(urls.shipmentService(), after);
        return tracking.isPresent() && shipment.isPresent()
                ? Optional.of(Math.max(tracking.get(), shipment.get())) : Optional.empty();
    }

    private Optional<Long> firstUp(URI service, long after) {
        return readiness.stream().filter(sample -> sample.service().equals(service) && sample.nanos() >= after
                && sample.up()).map(Readiness::nanos).findFirst();
    }

    private static Duration since(long from, long to) {
        return Duration.ofNanos(to - from);
    }

    private void drive(Tenant tenant) {
        for (int iteration = 0; running; iteration++) {
            long begun = System.nanoTime();
            String reference = tenant.marker() + "o" + iteration;
            Optional<Acknowledged> created = write(tenant, "create shipment", Set.of(201), () -> api.postJson(
                    urls.shipments(), tenant.token(),
                    DemoData.newShipment(reference, "Hamburg", "Munich", "DE", "DHL"), "fault-" + reference));
            if (created.isEmpty()) {
                continue;
            }
            String id = created.get().answer().json().path("id").asText();
            shipments.add(new AcknowledgedShipment(tenant.id(), id, reference, created.get().phase(),
                    created.get().attempts()));
            String note = tenant.marker() + "n" + iteration;
            write(tenant, "record event", Set.of(201), () -> api.postJson(urls.events(id), tenant.token(),
                    Map.of("status", "IN_TRANSIT", "location", "Hub", "note", note), "fault-" + note))
                    .ifPresent(written -> events.add(new AcknowledgedEvent(tenant.id(), id,
                            written.answer().json().path("event").path("eventId").asText(), note)));
            write(tenant, "put document", Set.of(201), () -> api.put(urls.document(id, "pod.txt"), tenant.token(),
                    "text/plain", note.getBytes(StandardCharsets.UTF_8)));
            read(tenant, "get shipment", urls.shipment(id));
            read(tenant, "get events", urls.events(id));
            read(tenant, "get document", urls.document(id, "pod.txt"));
            read(tenant, "search", urls.search(note));
            lastFullIteration.put(tenant.id(), begun);
        }
    }

    /** The operator's reads, a few a second: the tenants, then each load tenant and its lifecycle events. */
    private void operate() {
        Tenant self = new Tenant(OPERATOR, operator.token());
        while (running) {
            long begun = System.nanoTime();
            read(self, "list tenants", operator.tenants("?size=50"));
            for (Tenant tenant : tenants) {
                read(self, "get tenant", operator.tenants("/" + tenant.id()));
                read(self, "tenant events", operator.tenants("/" + tenant.id() + "/events"));
            }
            lastFullIteration.put(OPERATOR, begun);
            pause(RETRY_PAUSE);
        }
    }

    /**
     * The operator's writes: a new tenant onboarded, suspended, reactivated and offboarded, every step through the
     * whole system (the registry, the database role, the search index, the identity user, a silo table for premium,
     * the status item the services read), each request repeated as it was on 503 or no answer until acknowledged.
     */
    private void onboardAndOffboard() {
        Tenant self = new Tenant(LIFECYCLE, operator.token());
        String run = UUID.randomUUID().toString().substring(0, 4);
        for (int iteration = 0; running; iteration++) {
            long begun = System.nanoTime();
            String id = "fslc" + run + iteration;
            String tier = iteration % 2 == 0 ? "standard" : "premium";
            Map<String, Object> body = DemoTenants.body(id, "Fault suite " + id, tier, "u" + id,
                    "u" + id + "@fault.example", "fault-suite-" + id);
            Optional<Acknowledged> onboarded = write(self, "onboard tenant", Set.of(200, 201),
                    () -> api.postJson(operator.tenants(""), operator.token(), body));
            if (onboarded.isEmpty()) {
                continue;
            }
            Optional<String> suspended = write(self, "suspend tenant", Set.of(200, 201),
                    () -> api.postJson(operator.tenants("/" + id + "/suspend"), operator.token(), Map.of()))
                    .map(Acknowledged::tenantStatus);
            Optional<String> reactivated = write(self, "reactivate tenant", Set.of(200, 201),
                    () -> api.postJson(operator.tenants("/" + id + "/activate"), operator.token(), Map.of()))
                    .map(Acknowledged::tenantStatus);
            Optional<Acknowledged> offboarded = write(self, "offboard tenant", Set.of(200),
                    () -> api.delete(operator.tenants("/" + id), operator.token()));
            lifecycle.add(new LifecycleTenant(id, tier, onboarded.get().phase(),
                    onboarded.get().tenantStatus(), onboarded.get().attempts(),
                    suspended, reactivated, offboarded.map(Acknowledged::phase),
                    offboarded.map(Acknowledged::attempts).orElse(List.of())));
            lastFullIteration.put(LIFECYCLE, begun);
        }
    }

    /** Sends the write until it is acknowledged, retrying (the same request) on 503, 202 and no answer. */
    private Optional<Acknowledged> write(Tenant tenant, String operation, Set<Integer> acknowledged,
            Callable<ApiClient.Answer> request) {
        long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
        String begunDuring = phase;
        List<Integer> attempts = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String during = phase;
            ApiClient.Answer answer = send(tenant, operation, request);
            attempts.add(answer == null ? NO_ANSWER : answer.status());
            if (answer != null && acknowledged.contains(answer.status())) {
                return Optional.of(new Acknowledged(answer, during, List.copyOf(attempts)));
            }
            // 202: the service still counts another attempt as running it (tenant-service), so wait and ask again.
            if (answer != null && answer.status() != 503 && answer.status() != 202) {
                return Optional.empty();
            }
            pause(RETRY_PAUSE);
        }
        givenUp.add(tenant.id() + " " + operation + " begun during " + begunDuring + ", given up during " + phase
                + ", every attempt's status: " + attempts);
        return Optional.empty();
    }

    private void read(Tenant tenant, String operation, URI uri) {
        send(tenant, operation, () -> api.get(uri, tenant.token()));
    }

    /** One request: timed, recorded, checked for other tenants' markers and for answers other than 2xx and 503. */
    private ApiClient.Answer send(Tenant tenant, String operation, Callable<ApiClient.Answer> request) {
        String during = phase;
        long start = System.nanoTime();
        ApiClient.Answer answer;
        try {
            answer = request.call();
        } catch (IOException e) {
            answers.add(new Answer(tenant.id(), operation, NO_ANSWER, millisSince(start), during));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        answers.add(new Answer(tenant.id(), operation, answer.status(), millisSince(start), during));
        for (Tenant other : tenants) {
            if (other != tenant && tenants.contains(tenant) && answer.body() != null && answer.body().contains(other.marker())) {
                crossTenant.add(tenant.id() + " " + operation + " got " + other.id() + "'s data: " + answer);
            }
        }
        boolean expected = answer.status() / 100 == 2 || answer.status() == 503
                && String.valueOf(answer.contentType()).startsWith("application/problem+json");
        if (!expected) {
            unexpected.add(tenant.id() + " " + operation + " during " + during + ": " + answer);
        }
        return answer;
    }

    private void sampleReadiness(URI service) {
        while (!Thread.currentThread().isInterrupted()) {
            boolean up = ready(service);
            readiness.add(new Readiness(System.nanoTime(), service, up));
            try {
                Thread.sleep(READINESS_PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean ready(URI service) {
        try {
            return probe.send(HttpRequest.newBuilder(service.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String slowest(Optional<Answer> answer) {
        return answer.map(slowest -> String.format("%,d ms (%s)", slowest.millis(), slowest.operation())).orElse("-");
    }

    /** The report as a table, one row per fault. */
    public static String table(Report report) {
        StringBuilder table = new StringBuilder(String.format(
                "| backend | fault | requests | answers by status | slowest, request path | slowest, control plane"
                        + " | readiness DOWN after | UP after the end | recovered after the end |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n"));
        for (FaultReport fault : report.faults()) {
            Map<String, Integer> statuses = new LinkedHashMap<>();
            fault.byStatus().forEach((status, count) -> statuses.put(status == NO_ANSWER ? "none" : status.toString(),
                    count));
            table.append(String.format("| %s | %s | %d | %s | %s | %s | %s | %s | %,d ms |%n", fault.backend(),
                    fault.kind(), fault.requests(), statuses, slowest(fault.slowestRequestPath()),
                    slowest(fault.slowestControlPlane()),
                    fault.readinessDown().map(d -> String.format("%,d ms", d.toMillis())).orElse("stayed UP"),
                    fault.readinessUp().map(d -> String.format("%,d ms", d.toMillis())).orElse("-"),
                    fault.recovered().toMillis()));
        }
        return table.toString();
    }
}
