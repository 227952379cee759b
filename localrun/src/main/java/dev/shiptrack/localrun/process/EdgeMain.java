package dev.shiptrack.localrun.process;

import dev.shiptrack.localaws.LocalAwsEdge;
import io.micrometer.core.instrument.Metrics;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The local AWS edge as a process of its own, started by {@link EdgeProcess} with its settings in the environment:
 * killing it is killing the edge, not ./local-run, which then restarts it on its port with its sessions file, as the
 * other backends. The isolation watchdog's alerts go to the terminal it shares with ./local-run.
 */
final class EdgeMain {

    /** The log category of the edge's isolation watchdog. */
    private static final String ISOLATION_ALERTS = "dev.shiptrack.localaws.isolation";

    private EdgeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        java.util.logging.LogManager.getLogManager();
        showIsolationAlerts();
        Map<String, String> settings = System.getenv();
        LocalAwsEdge edge = LocalAwsEdge.builder()
                .withLocalDefaults()
                .port(Integer.parseInt(settings.get(EdgeProcess.PORT)))
                .dynamoDb(URI.create(settings.get(EdgeProcess.DYNAMODB)))
                .s3(URI.create(settings.get(EdgeProcess.S3)), settings.get(EdgeProcess.S3_ACCESS_KEY),
                        settings.get(EdgeProcess.S3_SECRET_KEY))
                .openSearch(URI.create(settings.get(EdgeProcess.OPENSEARCH)))
                .auditFile(Path.of(settings.get(EdgeProcess.AUDIT_FILE)))
                .sessionsFile(Path.of(settings.get(EdgeProcess.SESSIONS_FILE)))
                .isolationWatchdog(Metrics.globalRegistry)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(edge::close, "aws-edge-stop"));
        Thread.currentThread().join();
    }

    /** The edge's isolation alerts on the terminal, as they happen (the other edge logs stay quiet). */
    private static void showIsolationAlerts() {
        ConsoleHandler terminal = new ConsoleHandler();
        terminal.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return "local-run: ALERT " + record.getMessage() + System.lineSeparator();
            }
        });
        Logger.getLogger(ISOLATION_ALERTS).addHandler(terminal);
    }
}
