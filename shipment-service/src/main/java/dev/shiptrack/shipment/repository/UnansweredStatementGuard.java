package dev.shiptrack.shipment.repository;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.Connection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionInternal;

/**
 * Closes a PostgreSQL connection whose request got no complete answer within {@code shipment.database.timeouts.answer}:
 * the reactive client has no statement timeout, and a server that hangs (it accepts, never answers) would hold the
 * request for as long as the HTTP client waits. A request is answered when the server's ReadyForQuery message
 * ({@code 'Z'}, length 5, status) arrives, which ends every reply of the protocol; idle pooled connections are never
 * touched.
 * <p>
 * Why a Netty handler: the Vert.x connection's own idle timeout fires, but its close goes through the PostgreSQL
 * encoder, which turns it into a polite Terminate message and leaves the socket open until the server closes it,
 * which a hung server never does (Vert.x 4.5). This handler sits between the socket and that encoder, so its close
 * reaches the socket: the statement in flight fails (its transaction can no longer commit unless the COMMIT
 * itself was already sent; Idempotency-Key covers that case) and the pool replaces the connection.
 */
final class UnansweredStatementGuard extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(UnansweredStatementGuard.class);
    private static final String NAME = "shiptrack-unanswered-statement-guard";
    /** Where Vert.x' PostgreSQL client puts its codec in the connection's pipeline. */
    private static final String PG_CODEC = "codec";
    private static final byte[] READY_FOR_QUERY_HEAD = { 'Z', 0, 0, 0, 5 };

    private final long limitNanos;
    /** The last six bytes received: a ReadyForQuery message may arrive split over two reads. */
    private final byte[] tail = new byte[6];
    private int tailLength;
    /** nanoTime of the first write since the last complete answer, or -1 when nothing is awaited. */
    private long awaitingSince = -1;
    private ScheduledFuture<?> check;

    UnansweredStatementGuard(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /**
     * Installs a guard on a new connection of a pool (the pool's connect handler); must be followed by
     * {@code connection.close()}, which hands the connection to the pool.
     */
    static void install(SqlConnection connection, Duration limit) {
        Connection inner = ((SqlConnectionInternal) connection).unwrap();
        while (!(inner instanceof SocketConnectionBase) && inner.unwrap() != inner) {
            inner = inner.unwrap();
        }
        if (!(inner instanceof SocketConnectionBase socket)) {
            throw new IllegalStateException("not a socket connection: " + inner.getClass().getName());
        }
        socket.socket().channelHandlerContext().pipeline().addBefore(PG_CODEC, NAME, new UnansweredStatementGuard(limit));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long period = Math.max(limitNanos / 10, TimeUnit.MILLISECONDS.toNanos(20));
        check = ctx.executor().scheduleAtFixedRate(() -> inspect(ctx), period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        check.cancel(false);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        if (awaitingSince < 0) {
            awaitingSince = System.nanoTime();
        }
        super.write(ctx, message, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (message instanceof ByteBuf bytes && endsWithReadyForQuery(bytes)) {
            awaitingSince = -1;
        }
        super.channelRead(ctx, message);
    }

    /** Keeps the last six bytes received and tells whether they are a ReadyForQuery message. */
    private boolean endsWithReadyForQuery(ByteBuf bytes) {
        int readable = bytes.readableBytes();
        int taken = Math.min(readable, tail.length);
        int kept = Math.min(tailLength, tail.length - taken);
        System.arraycopy(tail, tailLength - kept, tail, 0, kept);
        bytes.getBytes(bytes.readerIndex() + readable - taken, tail, kept, taken);
        tailLength = kept + taken;
        if (tailLength < tail.length) {
            return false;
        }
        for (int i = 0; i < READY_FOR_QUERY_HEAD.length; i++) {
            if (tail[i] != READY_FOR_QUERY_HEAD[i]) {
                return false;
            }
        }
        return true;
    }

    private void inspect(ChannelHandlerContext ctx) {
        if (awaitingSince >= 0 && System.nanoTime() - awaitingSince > limitNanos && ctx.channel().isActive()) {
            LOG.warnf("PostgreSQL sent no answer within %d ms; closing the connection to %s",
                    TimeUnit.NANOSECONDS.toMillis(limitNanos), ctx.channel().remoteAddress());
            awaitingSince = -1;
            ctx.close();
        }
    }
}
