package dev.shiptrack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.restassured.response.Response;

/** What every answer refused because a backend hangs must be: prompt, and a 503 problem the client can retry. */
public final class UnavailableAnswers {

    private UnavailableAnswers() {
    }

    /**
     * Each answer is {@code 503 application/problem+json} whose type ends with {@code problemType}, with
     * {@code Retry-After}, and came within {@code within}.
     */
    public static void assertRefusedPromptly(String problemType, Duration within, List<Timed<Response>> answers) {
        for (Timed<Response> refused : answers) {
            assertThat(refused.result().statusCode()).as(refused.result().asString()).isEqualTo(503);
            assertThat(refused.result().contentType()).startsWith("application/problem+json");
            assertThat(refused.result().jsonPath().getString("type")).endsWith(problemType);
            assertThat(refused.result().header("Retry-After")).isNotBlank();
            assertThat(refused.took()).as("answered in %s", refused.took()).isLessThan(within);
        }
    }
}
