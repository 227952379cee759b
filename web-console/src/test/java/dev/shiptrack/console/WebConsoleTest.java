package dev.shiptrack.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/**
 * The console without the rest of the system (the browser test, localrun's WebConsoleIT, runs it with): every page
 * path serves the one page under its security headers, the isolation lab does not exist outside the local run, and
 * the forwarding answers problems rather than errors.
 */
@QuarkusTest
class WebConsoleTest {

    @Test
    void shouldServeThePageOnEveryPathTheScriptRenders() {
        for (String path : new String[] {"/", "/shipments", "/shipments/6f1c", "/search", "/operator",
                "/operator/tenants/acme", "/callback"}) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("connect-src 'self'"))
                    .header("Referrer-Policy", "no-referrer")
                    .body(containsString("<script type=\"module\" src=\"/console.js\"></script>"));
        }
    }

    @Test
    void shouldTellTheScriptWhereToLogInAndThatTheLabIsOff() {
        given().get("/config.json").then().statusCode(200)
                .body("realm", equalTo("http://127.0.0.1:8180/realms/tracking"))
                .body("clientId", equalTo("tracking-web"))
                .body("lab", equalTo(false));
    }

    @Test
    void shouldHaveNoIsolationLabOutsideTheLocalRun() {
        given().get("/lab").then().statusCode(404);
        given().get("/lab/api/decisions").then().statusCode(404);
        // No route takes the POST: the static resources answer 405 (method not allowed) for any path.
        given().post("/lab/api/forge/dynamodb").then().statusCode(oneOf(404, 405));
    }

    @Test
    void shouldAnswerAProblemNamingTheServiceThatDoesNotAnswer() {
        given().header("Authorization", "Bearer not-even-a-token").get("/api/shipments?page=0")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shiptrack:problem:upstream-unavailable"))
                .body("detail", equalTo("shipment-service did not answer; try again in a moment"));
    }

    @Test
    void shouldForwardNothingButTheFourApis() {
        given().get("/api/admin").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("/api/shipments, /api/tracking, /api/tenants and POST /api/token"));
        given().get("/api/token").then().statusCode(404);
    }
}
