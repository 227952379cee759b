package dev.shiptrack.tvm.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantStorageModels;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The routes registry as this service last read it: the whole {@code _routes} partition, queried with the service's
 * own identity (IAM lets it read that partition and no tenant's) during start-up (bounded by
 * {@code tenant-routing.registry.startup-wait}), then every {@code tenant-routing.registry.refresh-interval}, and
 * again when a request names a host the snapshot does not know (at most once per
 * {@code unknown-host-reread}). A failed read keeps the previous snapshot; until a first read succeeds, routed
 * requests are answered 503. All reads run one at a time on one thread.
 */
@ApplicationScoped
public class RoutesRegistry implements TenantStorageModels {

    private static final Logger LOG = Logger.getLogger(RoutesRegistry.class);

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests requests;
    private final RoutingConfig config;
    private final TvmConfig tvmConfig;
    private final Clock clock;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tenant-routes-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private volatile TenantRoutes current;
    /** The read requests for unknown hosts share while it runs; null when none runs. */
    private CompletableFuture<Void> requestedRead;
    private Instant lastRequestedRead = Instant.MIN;

    RoutesRegistry(DynamoDbClient dynamoDb, TenantAwsRequests requests, RoutingConfig config, TvmConfig tvmConfig,
                   Clock clock) {
        this.dynamoDb = dynamoDb;
        this.requests = requests;
        this.config = config;
        this.tvmConfig = tvmConfig;
        this.clock = clock;
    }

    /**
     * Whether this service reads the registry at all: for host routing, for the tiers of its rate limits, or for the
     * storage models its tenant sessions are tagged with.
     */
    public boolean inUse() {
        return config.mode() != RoutingConfig.Mode.OFF || config.limits().enabled() || tvmConfig.storageModelTag();
    }

    void start(@Observes StartupEvent started) {
        if (!inUse()) {
            return;
        }
        if (config.registry().table().isEmpty()) {
            throw new IllegalStateException("tenant-routing.registry.table is required when routing, rate limits or tenant-tvm.storage-model-tag are on");
        }
        Future<?> firstRead = refresher.submit(this::refresh);
        long every = config.registry().refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
        try {
            firstRead.get(config.registry().startupWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("The tenant routes registry was not read within %s of start; routed requests are answered 503"
                    + " until it is", config.registry().startupWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Reading the tenant routes registry failed", e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /** The last snapshot read, empty until the first read succeeds. */
    public Optional<TenantRoutes> current() {
        return Optional.ofNullable(current);
    }

    /** The tenant's storage model from the last snapshot; empty until the first read succeeds. */
    @Override
    public Optional<StorageModel> storageOf(TenantId tenant) {
        return current().map(routes -> routes.storageOf(tenant.value()));
    }

    /**
     * Reads the registry again for a request whose host the snapshot does not know, unless such a read started less
     * than {@code unknown-host-reread} ago; requests arriving meanwhile share the running read. The stage completes
     * when the read is done or after {@code unknown-host-wait}, whichever comes first, and never exceptionally.
     */
    public synchronized CompletionStage<Void> rereadForUnknownHost() {
        if (requestedRead == null) {
            Instant now = clock.instant();
            if (now.isBefore(lastRequestedRead.plus(config.registry().unknownHostReread()))) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> read = new CompletableFuture<>();
            try {
                refresher.execute(() -> {
                    try {
                        refresh();
                    } finally {
                        synchronized (this) {
                            requestedRead = null;
                        }
                        read.complete(null);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                return CompletableFuture.completedFuture(null);
            }
            lastRequestedRead = now;
            requestedRead = read;
        }
        // A copy, so one request's timeout does not complete the read the others wait for.
        return requestedRead.copy().completeOnTimeout(null, config.registry().unknownHostWait().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reads the whole partition again; public so a test can make a registration visible without waiting. */
    public void refresh() {
        try {
            current = read();
        } catch (SdkException e) {
            LOG.warnf("Could not read the tenant routes registry, keeping the %s: %s",
                    current == null ? "empty registry" : "previous snapshot", e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // Anything thrown out of a scheduled task would silently cancel every later refresh; a class missing
            // from a native image is a LinkageError, and must be seen.
            LOG.errorf(e, "Reading the tenant routes registry failed, keeping the %s",
                    current == null ? "empty registry" : "previous snapshot");
        }
    }

    private TenantRoutes read() {
        Map<String, String> tenantsByHost = new HashMap<>();
        Map<String, String> tiersByTenant = new HashMap<>();
        Set<String> siloTenants = new HashSet<>();
        String table = config.registry().table().orElseThrow();
        var pages = dynamoDb.queryPaginator(query -> query.tableName(table)
                .keyConditionExpression("#pk = :routes")
                .expressionAttributeNames(Map.of("#pk", TenantDataLayout.PARTITION_KEY))
                .expressionAttributeValues(Map.of(":routes", AttributeValue.fromS(TenantDataLayout.ROUTES_PARTITION)))
                .overrideConfiguration(requests.asService()));
        for (Map<String, AttributeValue> item : pages.items()) {
            String sortKey = item.get(TenantDataLayout.SORT_KEY).s();
            AttributeValue tenant = item.get(TenantDataLayout.ROUTE_TENANT_ATTRIBUTE);
            if (tenant == null) {
                continue;
            }
            if (sortKey.startsWith(TenantDataLayout.hostRouteKey(""))) {
                tenantsByHost.put(TenantRoutes.normalise(sortKey.substring(TenantDataLayout.hostRouteKey("").length())),
                        tenant.s());
            } else if (sortKey.startsWith(TenantDataLayout.tenantRouteKey(""))) {
                if (item.containsKey(TenantDataLayout.TIER_ATTRIBUTE)) {
                    tiersByTenant.put(tenant.s(), item.get(TenantDataLayout.TIER_ATTRIBUTE).s());
                }
                AttributeValue storage = item.get(TenantDataLayout.STORAGE_ATTRIBUTE);
                if (storage != null && StorageModel.parse(storage.s()).orElse(StorageModel.POOL) == StorageModel.SILO) {
                    siloTenants.add(tenant.s());
                }
            }
        }
        return new TenantRoutes(tenantsByHost, tiersByTenant, siloTenants);
    }
}
