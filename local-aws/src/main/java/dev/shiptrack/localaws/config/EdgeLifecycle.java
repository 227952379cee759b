package dev.shiptrack.localaws.config;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.LocalServer;
import dev.shiptrack.backends.OpenSearchServer;
import dev.shiptrack.backends.S3ProxyServer;
import dev.shiptrack.localaws.LocalAwsEdge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Starts the backends that are not already running, then the edge in front of them; stops all on shutdown. */
@Singleton
public class EdgeLifecycle {

    private static final Logger LOG = Logger.getLogger(EdgeLifecycle.class);

    private final LocalAwsConfig config;
    private final Vertx vertx;
    private final List<LocalServer> startedBackends = new ArrayList<>();
    private LocalAwsEdge edge;

    public EdgeLifecycle(LocalAwsConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        LocalAwsEdge.Builder builder = LocalAwsEdge.builder().withLocalDefaults().vertx(vertx)
                .host(config.host()).port(config.port())
                .tableName(config.table()).bucketName(config.bucket()).domainName(config.domain());
        config.auditFile().ifPresent(builder::auditFile);
        if (config.dynamodb().enabled()) {
            builder.dynamoDb(endpoint(config.dynamodb(), "DynamoDB Local",
                    () -> DynamoDbLocalServer.start(config.dataDir().resolve("dynamodb"), 0)));
        }
        if (config.s3().enabled()) {
            builder.s3(endpoint(config.s3(), "s3proxy", () -> S3ProxyServer.start(config.dataDir().resolve("s3"), 0,
                    config.s3().accessKey(), config.s3().secretKey())), config.s3().accessKey(),
                    config.s3().secretKey());
        }
        if (config.opensearch().enabled()) {
            builder.openSearch(endpoint(config.opensearch(), "OpenSearch",
                    () -> OpenSearchServer.start(config.dataDir().resolve("opensearch"), 0)));
        }
        edge = builder.start();
        LOG.infof("Local AWS edge (STS, DynamoDB, S3, OpenSearch) listening on %s", edge.endpoint());
    }

    void stop(@Observes ShutdownEvent event) {
        if (edge != null) {
            edge.close();
        }
        startedBackends.forEach(LocalServer::close);
    }

    /** The running edge. */
    public LocalAwsEdge edge() {
        return edge;
    }

    private URI endpoint(LocalAwsConfig.Backend backend, String name, Supplier<LocalServer> starter) {
        if (backend.endpoint().isPresent()) {
            return backend.endpoint().get();
        }
        LOG.infof("Starting %s under %s", name, config.dataDir().toAbsolutePath());
        LocalServer server = starter.get();
        startedBackends.add(server);
        LOG.infof("%s is at %s", name, server.endpoint());
        return server.endpoint();
    }
}
