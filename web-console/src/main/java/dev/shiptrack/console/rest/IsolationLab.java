package dev.shiptrack.console.rest;

import dev.shiptrack.console.client.ForgedRequests;
import dev.shiptrack.console.client.ForgedRequests.Kind;
import dev.shiptrack.console.config.ConsoleConfig;
import dev.shiptrack.console.service.AuditTrail;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The isolation lab's API, registered only when {@code console.lab.enabled} is true (the local run): {@code POST
 * /lab/api/forge/{kind}} makes one forged request, {@code GET /lab/api/decisions} streams the edge's decisions.
 * Everywhere else {@code /lab} does not exist.
 */
@ApplicationScoped
public class IsolationLab {

    private static final Logger LOG = Logger.getLogger(IsolationLab.class);

    private final ConsoleConfig.Lab config;
    private final Vertx vertx;
    private ForgedRequests forged;
    private AuditTrail trail;

    IsolationLab(ConsoleConfig config, Vertx vertx) {
        this.config = config.lab();
        this.vertx = vertx;
    }

    void routes(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        forged = new ForgedRequests(config, required(config.awsEdge(), "aws-edge"),
                required(config.accessKey(), "access-key"), required(config.secretKey(), "secret-key"));
        trail = new AuditTrail(vertx, required(config.auditFile(), "audit-file"));
        router.get("/lab/api/decisions").handler(context -> trail.follow(context.response()));
        router.post("/lab/api/forge/:kind").blockingHandler(context -> {
            Optional<Kind> kind = Arrays.stream(Kind.values())
                    .filter(value -> value.name().replace('_', '-').equalsIgnoreCase(context.pathParam("kind")))
                    .findFirst();
            if (kind.isEmpty()) {
                Problems.send(context.response(), 404, "not-found", "No such request", "The lab knows "
                        + Arrays.stream(Kind.values()).map(value -> value.name().replace('_', '-')
                        .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
                return;
            }
            try {
                context.json(forged.attempt(kind.get()));
            } catch (RuntimeException e) {
                LOG.warnf("The lab's %s request failed: %s", kind.get(), e.toString());
                Problems.send(context.response(), 502, "edge-unavailable", "The local AWS edge did not answer",
                        "The forged request could not be made: " + e.getMessage());
            }
        }, false);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (trail != null) {
            trail.close();
            forged.close();
        }
    }

    private static <T> T required(Optional<T> value, String key) {
        return value.orElseThrow(() -> new IllegalStateException("console.lab.enabled is true but console.lab." + key
                + " is not set"));
    }
}
