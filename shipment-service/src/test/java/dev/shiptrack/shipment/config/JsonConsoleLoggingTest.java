package dev.shiptrack.shipment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Console lines become JSON objects that carry the tenant and the trace from the log context. */
class JsonConsoleLoggingTest {

    @AfterEach
    void clearLogContext() {
        MDC.clear();
    }

    @Test
    void shouldWriteJsonWithTenantAndTraceFromNestedConsoleHandler() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ConsoleHandler console = new ConsoleHandler();
        console.setOutputStream(output);
        AsyncHandler wrapper = new AsyncHandler();
        wrapper.addHandler(console);

        int changed = JsonConsoleLogging.useJson(new Handler[] { wrapper });
        MDC.put("tenantId", "yellow");
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        ExtLogRecord record = new ExtLogRecord(java.util.logging.Level.INFO, "Shipment \"created\"", getClass().getName());
        record.copyMdc();
        console.publish(record);
        console.flush();

        assertThat(changed).isEqualTo(1);
        JsonNode line = new ObjectMapper().readTree(output.toString(StandardCharsets.UTF_8));
        assertThat(line.path("message").asText()).isEqualTo("Shipment \"created\"");
        assertThat(line.path("mdc").path("tenantId").asText()).isEqualTo("yellow");
        assertThat(line.path("mdc").path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
