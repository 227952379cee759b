package dev.shiptrack.testsupport;

import static io.restassured.RestAssured.given;

/**
 * Checks the service's {@code tenant-routes} readiness check: the routes registry is read during start-up, so it is UP
 * by the first request a suite sends, also when the suite started its own executable a few milliseconds ago.
 */
public final class RoutesReadiness {

    private RoutesReadiness() {
    }

    public static void assertRegistryRead() {
        String status = given().get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'tenant-routes' }.status");
        if (!"UP".equals(status)) {
            throw new AssertionError("the routes registry was not read during start-up (tenant-routes: " + status + ")");
        }
    }
}
