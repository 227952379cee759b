package dev.shiptrack.tvm.benchmark;

import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.support.UnitVending;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory against the number of tenants whose credentials are cached (issue 12): the real vendor and cache with an
 * STS that keeps nothing and answers credentials of AWS's sizes (a session token of about 1,000 characters). Heap
 * after full collections (what the cache retains), RSS, open file descriptors and threads with 10 tenants cached and
 * then with 10,000 (the cache's default bound), in one JVM whose heap is fixed and touched at start, so that RSS
 * shows what grows outside the heap. Prints figures, asserts nothing (docs/benchmarks.md has the command).
 */
@Tag("benchmark")
class TenantCacheMemoryBenchmark {

    @Test
    void printMemoryWithTenAndTenThousandTenantsCached() throws Exception {
        CountingSts sts = new CountingSts();
        {
            TenantCredentialsVendor vendor = UnitVending.vendor(TestConfigs.abac(), sts, Clock.systemUTC(),
                    new SimpleMeterRegistry(), UnitVending.noRequest());
            cache(vendor, 0, 10);
            Snapshot ten = Snapshot.take(10, sts.calls.get());
            cache(vendor, 10, 10_000);
            Snapshot tenThousand = Snapshot.take(10_000, sts.calls.get());
            cache(vendor, 0, 10_000);
            System.out.println(ten);
            System.out.println(tenThousand);
            System.out.printf("difference: heap %+.1f MB (%.0f bytes a tenant), RSS %+.1f MB, file descriptors %+d,"
                            + " threads %+d; STS calls when all 10,000 were asked again: %d%n",
                    tenThousand.heapMb() - ten.heapMb(), (tenThousand.heapMb() - ten.heapMb()) * 1e6 / 9_990,
                    tenThousand.rssMb() - ten.rssMb(), tenThousand.fileDescriptors() - ten.fileDescriptors(),
                    tenThousand.threads() - ten.threads(), sts.calls.get() - tenThousand.stsCalls());
        }
    }

    /** Answers every AssumeRole with fresh credentials of AWS's sizes and keeps nothing but a count. */
    private static final class CountingSts implements StsClient {

        private static final String TOKEN_PADDING = "x".repeat(1_000);
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
            int n = calls.incrementAndGet();
            return AssumeRoleResponse.builder().credentials(Credentials.builder()
                    .accessKeyId(String.format("ASIA%016d", n))
                    .secretAccessKey(String.format("%040d", n))
                    .sessionToken(n + TOKEN_PADDING)
                    .expiration(Instant.now().plusSeconds(request.durationSeconds()))
                    .build()).build();
        }

        @Override
        public String serviceName() {
            return "sts";
        }

        @Override
        public void close() {
        }
    }

    private static void cache(TenantCredentialsVendor vendor, int from, int to) {
        for (int i = from; i < to; i++) {
            vendor.vend(new TenantId(String.format("tenant%05d", i)));
        }
    }

    private record Snapshot(int tenants, int stsCalls, double heapMb, double rssMb, long fileDescriptors,
                            int threads) {

        static Snapshot take(int tenants, int stsCalls) throws IOException, InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
            double rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElseThrow() / 1e3;
            long descriptors;
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                descriptors = fds.count();
            }
            return new Snapshot(tenants, stsCalls, heap, rss, descriptors, Thread.activeCount());
        }

        @Override
        public String toString() {
            return String.format("%,6d tenants cached (%,d STS calls): heap %.1f MB, RSS %.1f MB, %d file descriptors,"
                    + " %d threads", tenants, stsCalls, heapMb, rssMb, fileDescriptors, threads);
        }
    }
}
