package dev.shiptrack.testsupport;

import static io.restassured.RestAssured.given;

import java.time.Duration;

/**
 * Waits for the service's {@code tenant-routes} readiness check: the routes registry is read in the background after
 * start, and an {@code *IT} suite's first request can come sooner than that (a {@code @QuarkusTest}'s rarely does).
 */
public final class RoutesReadiness {

    private RoutesReadiness() {
    }

    public static void await(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        String status;
        do {
            status = given().get("/q/health/ready").jsonPath()
                    .getString("checks.find { it.name == 'tenant-routes' }.status");
            if ("UP".equals(status)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the routes registry was not read within " + atMost + " (tenant-routes: " + status + ")");
    }
}
