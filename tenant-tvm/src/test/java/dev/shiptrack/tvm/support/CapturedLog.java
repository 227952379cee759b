package dev.shiptrack.tvm.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one logger category writes, message and MDC fields, while open. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> fields = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    public static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    public List<String> messages() {
        return messages;
    }

    public List<Map<String, String>> fields() {
        return fields;
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            messages.add(ext.getFormattedMessage());
            fields.add(Map.copyOf(ext.getMdcCopy()));
        } else {
            messages.add(record.getMessage());
            fields.add(Map.of());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
