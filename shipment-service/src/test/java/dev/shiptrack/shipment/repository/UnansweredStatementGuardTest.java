package dev.shiptrack.shipment.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The guard on a Netty test channel: what counts as answered, and what closes the connection. */
class UnansweredStatementGuardTest {

    private static final Duration LIMIT = Duration.ofMillis(50);
    /** CommandComplete then ReadyForQuery (idle), as PostgreSQL ends a reply. */
    private static final byte[] REPLY = { 'C', 0, 0, 0, 11, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0, 'Z', 0, 0, 0, 5, 'I' };

    @Test
    void shouldCloseAConnectionWhoseRequestGetsNoAnswer() throws InterruptedException {
        EmbeddedChannel connection = new EmbeddedChannel(new UnansweredStatementGuard(LIMIT));

        connection.writeOutbound(Unpooled.wrappedBuffer(new byte[] { 'Q', 0, 0, 0, 4 }));
        afterTheLimit(connection);

        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void shouldKeepAConnectionWhoseReplyEndedEvenWhenReadyForQueryArrivesInPieces() throws InterruptedException {
        EmbeddedChannel connection = new EmbeddedChannel(new UnansweredStatementGuard(LIMIT));

        connection.writeOutbound(Unpooled.wrappedBuffer(new byte[] { 'Q', 0, 0, 0, 4 }));
        connection.writeInbound(Unpooled.wrappedBuffer(REPLY, 0, 16));
        connection.writeInbound(Unpooled.wrappedBuffer(REPLY, 16, 2));
        connection.writeInbound(Unpooled.wrappedBuffer(REPLY, 18, 2));
        afterTheLimit(connection);

        assertThat(connection.isOpen()).as("answered, then idle").isTrue();
    }

    @Test
    void shouldCloseAConnectionWhoseReplyStoppedHalfway() throws InterruptedException {
        EmbeddedChannel connection = new EmbeddedChannel(new UnansweredStatementGuard(LIMIT));

        connection.writeOutbound(Unpooled.wrappedBuffer(new byte[] { 'Q', 0, 0, 0, 4 }));
        connection.writeInbound(Unpooled.wrappedBuffer(REPLY, 0, 14));
        afterTheLimit(connection);

        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void shouldNeverCloseAnIdleConnection() throws InterruptedException {
        EmbeddedChannel connection = new EmbeddedChannel(new UnansweredStatementGuard(LIMIT));

        afterTheLimit(connection);

        assertThat(connection.isOpen()).isTrue();
    }

    private static void afterTheLimit(EmbeddedChannel connection) throws InterruptedException {
        Thread.sleep(LIMIT.multipliedBy(3).toMillis());
        connection.runScheduledPendingTasks();
    }
}
