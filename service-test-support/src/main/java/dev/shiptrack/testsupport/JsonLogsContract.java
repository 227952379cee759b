package dev.shiptrack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * In the prod profile the console handler Quarkus sets up writes JSON objects carrying tenant and trace. A service
 * runs it with {@code @QuarkusTest @TestProfile(JsonLogsContract.Prod.class)} on a subclass.
 */
public abstract class JsonLogsContract {

    /** The application's own configuration, as deployed. */
    public static class Prod implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }
    }

    @AfterEach
    void clearLogContext() {
        MDC.clear();
    }

    @Test
    void shouldWriteConsoleLinesAsJsonWithTenantAndTrace() throws Exception {
        List<ConsoleHandler> consoles = consoleHandlers(Logger.getLogger("").getHandlers());
        MDC.put("tenantId", "yellow");
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Shipment \"created\"", getClass().getName());
        record.copyMdc();

        assertThat(consoles).isNotEmpty();
        for (ConsoleHandler console : consoles) {
            JsonNode line = new ObjectMapper().readTree(console.getFormatter().format(record));
            assertThat(line.path("message").asText()).isEqualTo("Shipment \"created\"");
            assertThat(line.path("mdc").path("tenantId").asText()).isEqualTo("yellow");
            assertThat(line.path("mdc").path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }

    /** Quarkus nests its handlers (delayed, async); the console handlers are found at any depth. */
    private static List<ConsoleHandler> consoleHandlers(Handler[] handlers) {
        List<ConsoleHandler> found = new ArrayList<>();
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                found.add(console);
            }
            if (handler instanceof ExtHandler parent) {
                found.addAll(consoleHandlers(parent.getHandlers()));
            }
        }
        return found;
    }
}
