package dev.shiptrack.tvm.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a declared body above {@code quarkus.http.limits.max-body-size} with a 413 problem before anything reads
 * it, in every service that uses tenant-tvm. Bodies without {@code Content-Length} (chunked) are still cut off by the HTTP layer at the same limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Runs before every other route, the REST endpoints included. */
    private static final int FIRST = Integer.MIN_VALUE + 100;

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        String body = Problem.of("payload-too-large", "Payload too large", 413,
                "The request body may be at most " + maxBytes + " bytes").toJson();
        router.route().order(FIRST).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, maxBytes)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            context.next();
        });
    }

    private static boolean exceeds(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
