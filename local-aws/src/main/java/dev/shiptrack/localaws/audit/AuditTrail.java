package dev.shiptrack.localaws.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every authorization decision of the edge, kept in memory for tests (the newest {@value #RETAINED}) and written as
 * one JSON line each to the audit log category and, when configured, to a file.
 */
public final class AuditTrail implements AutoCloseable {

    /** How many decisions stay queryable in memory. */
    public static final int RETAINED = 10_000;

    private static final Logger LOG = Logger.getLogger("dev.shiptrack.localaws.audit");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ArrayDeque<AuditRecord> records = new ArrayDeque<>();
    private final List<Consumer<AuditRecord>> listeners = new CopyOnWriteArrayList<>();
    private final BufferedWriter file;

    public AuditTrail(Optional<Path> file) {
        try {
            this.file = file.isEmpty() ? null : Files.newBufferedWriter(createParent(file.get()),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit file " + file.get(), e);
        }
    }

    private static Path createParent(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        return file;
    }

    /** Hands every later decision to {@code listener}, on the recording thread: a listener must not block. */
    public void onRecord(Consumer<AuditRecord> listener) {
        listeners.add(listener);
    }

    public void record(AuditRecord record) {
        synchronized (records) {
            if (records.size() == RETAINED) {
                records.removeFirst();
            }
            records.addLast(record);
        }
        listeners.forEach(listener -> listener.accept(record));
        String line = toJson(record);
        LOG.debug(line);
        if (file != null) {
            synchronized (file) {
                try {
                    file.write(line);
                    file.newLine();
                    file.flush();
                } catch (IOException e) {
                    LOG.errorf(e, "Cannot write the audit file; decision was %s", line);
                }
            }
        }
    }

    /** The retained decisions, oldest first. */
    public List<AuditRecord> decisions() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The retained decisions that match, oldest first. */
    public List<AuditRecord> decisions(Predicate<AuditRecord> filter) {
        return decisions().stream().filter(filter).toList();
    }

    /** The newest decision, if any. */
    public Optional<AuditRecord> last() {
        synchronized (records) {
            return Optional.ofNullable(records.peekLast());
        }
    }

    /** Forgets the retained decisions (the file keeps them). */
    public void clear() {
        synchronized (records) {
            records.clear();
        }
    }

    /** The JSON line written for a decision. */
    public static String toJson(AuditRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            synchronized (file) {
                try {
                    file.close();
                } catch (IOException e) {
                    LOG.warn("Cannot close the audit file", e);
                }
            }
        }
    }
}
