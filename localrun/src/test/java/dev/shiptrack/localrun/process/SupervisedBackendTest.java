package dev.shiptrack.localrun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.LocalServer;

/** The launcher's supervision with real processes ({@code sleep}) standing in for backends. */
class SupervisedBackendTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    /** A "server" that is one {@code sleep} process, remembering the port it was started on. */
    private record SleepServer(Process sleep, int port) implements LocalServer {

        static SleepServer start(int port) {
            try {
                return new SleepServer(new ProcessBuilder("sleep", "600").start(), port == 0 ? 40_000 : port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public URI endpoint() {
            return URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public ProcessHandle process() {
            return sleep.toHandle();
        }

        @Override
        public void close() {
            sleep.destroyForcibly();
        }
    }

    private final Queue<String> said = new ConcurrentLinkedQueue<>();
    private final Queue<SleepServer> started = new ConcurrentLinkedQueue<>();
    private SupervisedBackend<SleepServer> backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        started.forEach(SleepServer::close);
    }

    @Test
    void shouldRestartAKilledBackendOnTheSamePortAndSayHowLongItTook() throws Exception {
        backend = SupervisedBackend.start("Sleeper", 0, this::recordedStart, said::add);
        SleepServer first = backend.current();

        first.process().destroyForcibly();

        SleepServer second = awaitRestart(first, 1);
        assertThat(second.port()).as("the port the first one was given").isEqualTo(first.port());
        assertThat(backend.endpoint()).isEqualTo(first.endpoint());
        assertThat(second.process().isAlive()).isTrue();
        assertThat(said).anySatisfy(line -> assertThat(line).matches("Sleeper restarted in [0-9.]+ s \\(restart 1\\)"));

        second.process().destroyForcibly();
        assertThat(awaitRestart(second, 2).process().isAlive()).as("it keeps watching after a restart").isTrue();
        assertThat(started).hasSize(3);
    }

    @Test
    void shouldNotRestartABackendItWasAskedToStop() throws Exception {
        backend = SupervisedBackend.start("Sleeper", 0, this::recordedStart, said::add);
        SleepServer first = backend.current();

        backend.close();
        first.process().onExit().get();
        Thread.sleep(500);

        assertThat(started).as("nothing started after close").hasSize(1);
        assertThat(said).isEmpty();
    }

    @Test
    void shouldTryAgainWhenARestartFails() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        backend = SupervisedBackend.start("Flaky", 0, port -> {
            if (attempts.incrementAndGet() == 2) {
                throw new IllegalStateException("port still taken");
            }
            return recordedStart(port);
        }, said::add);
        SleepServer first = backend.current();

        first.process().destroyForcibly();

        assertThat(awaitRestart(first, 1).process().isAlive()).isTrue();
        assertThat(attempts).hasValue(3);
        assertThat(List.copyOf(said)).anySatisfy(line -> assertThat(line)
                .startsWith("Flaky did not restart (attempt 1 of 5): port still taken"));
    }

    private SleepServer recordedStart(int port) {
        SleepServer server = SleepServer.start(port);
        started.add(server);
        return server;
    }

    /** The server that replaced {@code dead}, once the supervisor has said it restarted for the n-th time. */
    private SleepServer awaitRestart(SleepServer dead, int restart) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            SleepServer now = backend.current();
            if (now != dead && said.stream().anyMatch(line -> line.endsWith("(restart " + restart + ")"))) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not restarted within " + WITHIN + "; said " + said);
    }
}
