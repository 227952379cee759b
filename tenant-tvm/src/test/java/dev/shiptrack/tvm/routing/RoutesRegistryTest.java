package dev.shiptrack.tvm.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.support.TestConfigs;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sts.StsClient;

/** When the registry is read: before start-up ends, and again, shared and rate-limited, for unknown hosts. */
class RoutesRegistryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final StsClient sts = StsClient.builder().region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("service", "secret")))
            .build();
    private final RegistryTable table = new RegistryTable();
    private RoutesRegistry registry;

    @AfterEach
    void stop() {
        table.release();
        if (registry != null) {
            registry.stop();
        }
        sts.close();
    }

    @Test
    void shouldHaveReadTheRegistryWhenStartUpEnds() {
        table.host("yellow.shiptrack.localhost", "yellow");
        start();

        assertThat(registry.current()).isPresent();
        assertThat(registry.current().get().tenantOfHost("yellow.shiptrack.localhost")).contains("yellow");
    }

    @Test
    void shouldStartWithinTheStartupWaitWhenTheRegistryHangs() throws Exception {
        table.host("yellow.shiptrack.localhost", "yellow");
        table.hang();
        registry = registry("tenant-routing.registry.startup-wait", "300ms");

        long started = System.nanoTime();
        registry.start(null);
        Duration startUp = Duration.ofNanos(System.nanoTime() - started);

        assertThat(startUp).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
        assertThat(registry.current()).isEmpty();
        table.release();
        awaitSnapshot();
        assertThat(registry.current().get().tenantOfHost("yellow.shiptrack.localhost")).contains("yellow");
    }

    @Test
    void shouldReadAgainForAnUnknownHostAtMostOncePerInterval() throws Exception {
        start("tenant-routing.registry.unknown-host-reread", "1s");
        int afterStart = table.queries.get();
        table.host("new.example.com", "green");

        registry.rereadForUnknownHost().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(registry.current().get().tenantOfHost("new.example.com")).contains("green");
        assertThat(table.queries.get()).isEqualTo(afterStart + 1);

        registry.rereadForUnknownHost().toCompletableFuture().get(5, TimeUnit.SECONDS);
        clock.advance(Duration.ofMillis(999));
        registry.rereadForUnknownHost().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(table.queries.get()).as("no second read within the interval").isEqualTo(afterStart + 1);

        clock.advance(Duration.ofMillis(1));
        registry.rereadForUnknownHost().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(table.queries.get()).isEqualTo(afterStart + 2);
    }

    @Test
    void shouldShareOneReadAmongConcurrentRequestsAndAnswerWithinTheWaitWhenItHangs() throws Exception {
        start("tenant-routing.registry.unknown-host-wait", "200ms");
        int afterStart = table.queries.get();
        table.hang();

        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        long started = System.nanoTime();
        for (int request = 0; request < 20; request++) {
            waiting.add(registry.rereadForUnknownHost().toCompletableFuture());
        }
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(5));
        table.release();
        awaitQueries(afterStart + 1);
        clock.advance(Duration.ofSeconds(1));
        registry.rereadForUnknownHost().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(table.queries.get()).as("twenty requests, one read; then one more").isEqualTo(afterStart + 2);
    }

    private void start(String... keyValues) {
        registry = registry(keyValues);
        registry.start(null);
    }

    /** Host routing on the pooled table; no scheduled refresh within a test, so every read is one the test caused. */
    private RoutesRegistry registry(String... keyValues) {
        List<String> routing = new ArrayList<>(List.of("tenant-routing.mode", "host",
                "tenant-routing.registry.table", "TrackingData", "tenant-routing.registry.refresh-interval", "1h"));
        routing.addAll(List.of(keyValues));
        return new RoutesRegistry(table, new TenantAwsRequests(null, sts),
                TestConfigs.routing(routing.toArray(String[]::new)), TestConfigs.abac(), clock);
    }

    private void awaitSnapshot() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registry.current().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(registry.current()).as("read once the registry answers").isPresent();
    }

    private void awaitQueries(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (table.queries.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(table.queries.get()).isEqualTo(expected);
    }

    /** The {@code _routes} partition, counting its queries; it can hang until released. */
    private static final class RegistryTable implements DynamoDbClient {

        final AtomicInteger queries = new AtomicInteger();
        private final List<Map<String, AttributeValue>> items = new ArrayList<>();
        private volatile CountDownLatch hung = new CountDownLatch(0);

        synchronized void host(String hostname, String tenant) {
            items.add(Map.of(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION),
                    TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.hostRouteKey(hostname)),
                    TenantDataLayout.ROUTE_TENANT_ATTRIBUTE, AttributeValue.fromS(tenant)));
        }

        void hang() {
            hung = new CountDownLatch(1);
        }

        void release() {
            hung.countDown();
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            queries.incrementAndGet();
            try {
                hung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return QueryResponse.builder().items(List.copyOf(items)).build();
            }
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
