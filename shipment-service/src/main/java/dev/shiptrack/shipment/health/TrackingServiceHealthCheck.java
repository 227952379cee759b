package dev.shiptrack.shipment.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether tracking-service answers HTTP at all, as a detail that never makes the service unready:
 * without tracking-service, shipments are still readable (tracking marked unavailable).
 */
@Readiness
@ApplicationScoped
public class TrackingServiceHealthCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final URI liveness;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public TrackingServiceHealthCheck(@ConfigProperty(name = "quarkus.rest-client.tracking-service.url") String url) {
        this.liveness = URI.create(url.replaceFirst("/$", "") + "/q/health/live");
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tracking-service")
                .up()
                .withData("reachable", reachable())
                .build();
    }

    private boolean reachable() {
        try {
            http.send(HttpRequest.newBuilder(liveness).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
