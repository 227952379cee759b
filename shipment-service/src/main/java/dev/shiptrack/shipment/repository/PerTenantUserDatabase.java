package dev.shiptrack.shipment.repository;

import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;

import dev.shiptrack.shipment.config.ShipmentConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The {@code per-tenant-user} strategy (seed 000): the service connects as the tenant's own database role, named
 * after the tenant id, and the policies compare rows against {@code current_user}. Each tenant gets a small pool;
 * pools are bounded in number and closed when idle. Host, port, database and SSL mode come from
 * {@code quarkus.datasource.reactive.url}; the password from a {@link TenantPasswordSource}, asked for every new
 * connection because IAM auth tokens expire after 15 minutes.
 */
@ApplicationScoped
@Typed(PerTenantUserDatabase.class)
// Caffeine instantiates its cache and node classes by name: the native image needs those of a size-bounded,
// access-expiring cache with a removal listener.
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSLMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" })
public class PerTenantUserDatabase implements TenantDatabase {

    private static final Logger LOG = Logger.getLogger(PerTenantUserDatabase.class);

    private final Vertx vertx;
    private final PgConnectOptions server;
    private final TenantPasswordSource passwords;
    private final ShipmentConfig.PerTenantUser settings;
    private final DatabaseTimeouts timeouts;
    private final Cache<String, Pool> pools;

    public PerTenantUserDatabase(Vertx vertx, ShipmentConfig config, TenantPasswordSource passwords,
            DatabaseTimeouts timeouts, @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl) {
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.server = timeouts.bound(PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", "")));
        this.passwords = passwords;
        this.settings = config.database().perTenantUser();
        this.pools = Caffeine.newBuilder()
                .maximumSize(settings.maxTenantPools())
                .expireAfterAccess(settings.idleEviction())
                .scheduler(Scheduler.systemScheduler())
                .<String, Pool>removalListener((tenantId, pool, cause) -> close(tenantId, pool, cause))
                .build();
    }

    @Override
    public <T> Uni<T> inTenantTransaction(String tenantId, Function<SqlConnection, Uni<T>> work) {
        return pools.get(tenantId, this::openPool)
                .withTransaction(work)
                .onFailure().transform(failure -> DatabaseErrors.translate(tenantId, failure));
    }

    /** Number of tenant pools currently open. */
    public long openPools() {
        pools.cleanUp();
        return pools.estimatedSize();
    }

    private Pool openPool(String tenantId) {
        PoolOptions options = timeouts.bound(new PoolOptions())
                .setMaxSize(settings.maxPoolSize())
                .setIdleTimeout((int) settings.idleEviction().toSeconds())
                .setName("tenant-" + tenantId);
        io.vertx.sqlclient.Pool pool = PgBuilder.pool()
                .with(options)
                .withConnectHandler(timeouts.guardEachConnection())
                .connectingTo(() -> connectOptions(tenantId))
                .using(vertx)
                .build();
        return Pool.newInstance(pool);
    }

    private Future<SqlConnectOptions> connectOptions(String tenantId) {
        return passwords.passwordFor(tenantId, server.getHost(), server.getPort())
                .map(password -> new PgConnectOptions(server).setUser(tenantId).setPassword(password));
    }

    private static void close(String tenantId, Pool pool, RemovalCause cause) {
        if (pool != null) {
            LOG.debugf("Closing the database pool of tenant %s (%s)", tenantId, cause);
            pool.closeAndForget();
        }
    }

    @PreDestroy
    void closeAll() {
        pools.invalidateAll();
        pools.cleanUp();
    }
}
