package dev.shiptrack.tracking.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import dev.shiptrack.tracking.repository.StoreAccessDeniedException;
import dev.shiptrack.tracking.repository.StoreUnavailableException;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void shouldAnswerAStoreRefusalWith403AndNoKeyInTheDetail() {
        Response response = mappers.accessDenied(
                new StoreAccessDeniedException("dynamodb", "yellow", "blue#SHP-1", null));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat(response.getEntity().toString()).contains("\"status\":403").doesNotContain("blue", "SHP-1");
    }

    @Test
    void shouldAnswerAnUnavailableStoreWith503() {
        Response response = mappers.unavailable(new StoreUnavailableException("s3", "HTTP 500"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getEntity().toString()).contains("\"status\":503", "s3");
    }
}
