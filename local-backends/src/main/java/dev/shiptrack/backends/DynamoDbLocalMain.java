package dev.shiptrack.backends;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Entry point of the DynamoDB Local child process (never loaded in the caller's JVM). Takes DynamoDB Local's
 * command-line arguments and changes two things about its server before starting it:
 * <ul>
 * <li>its Jetty connector listens on 127.0.0.1 only (DynamoDB Local listens on all interfaces and has no option);</li>
 * <li>a transaction is acknowledged only once it is committed. DynamoDB Local 2.6.1 answers
 * {@code TransactWriteItems} after queueing the SQLite {@code COMMIT} on its database's single job queue, not after
 * running it (observed with strace and a debugger, docs/local-backends.md): a process killed in between loses a
 * transaction it acknowledged, which DynamoDB never does. So before the last bytes of a transaction's answer, a
 * {@code ListTables} is sent to the same server: its job queues behind that {@code COMMIT} and returns after it.</li>
 * </ul>
 */
final class DynamoDbLocalMain {

    private static final int BARRIER_CONNECT_MILLIS = 1_000;
    private static final int BARRIER_READ_MILLIS = 10_000;

    private DynamoDbLocalMain() {
    }

    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
        Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
        jettyField.setAccessible(true);
        Server jetty = (Server) jettyField.get(server);
        ServerConnector listening = null;
        for (Connector connector : jetty.getConnectors()) {
            listening = (ServerConnector) connector;
            listening.setHost(FreePorts.HOST);
        }
        ServerConnector self = listening;
        jetty.setHandler(new CommittedTransactions(jetty.getHandler(), self::getLocalPort));
        server.start();
    }

    /** Holds back the end of each transaction's answer until its {@code COMMIT} has run. */
    private static final class CommittedTransactions extends Handler.Wrapper {

        private final IntSupplier port;

        CommittedTransactions(Handler dynamoDbLocal, IntSupplier port) {
            super(dynamoDbLocal);
            this.port = port;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String target = request.getHeaders().get("X-Amz-Target");
            if (target == null || !(target.endsWith(".TransactWriteItems") || target.endsWith(".ExecuteTransaction"))) {
                return super.handle(request, response, callback);
            }
            String authorization = request.getHeaders().get("Authorization");
            return super.handle(request, new Response.Wrapper(request, response) {
                @Override
                public void write(boolean last, ByteBuffer content, Callback written) {
                    if (last) {
                        try {
                            awaitQueuedCommit(authorization);
                        } catch (IOException e) {
                            // Unsure whether it committed: the client must not be told it did.
                            written.failed(e);
                            return;
                        }
                    }
                    super.write(last, content, written);
                }
            }, callback);
        }

        private void awaitQueuedCommit(String authorization) throws IOException {
            HttpURLConnection listTables = (HttpURLConnection) URI.create(
                    "http://" + FreePorts.HOST + ":" + port.getAsInt() + "/").toURL().openConnection();
            listTables.setConnectTimeout(BARRIER_CONNECT_MILLIS);
            listTables.setReadTimeout(BARRIER_READ_MILLIS);
            listTables.setRequestMethod("POST");
            listTables.setDoOutput(true);
            listTables.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.ListTables");
            listTables.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            if (authorization != null) {
                listTables.setRequestProperty("Authorization", authorization);
            }
            try (OutputStream body = listTables.getOutputStream()) {
                body.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream answer = listTables.getInputStream()) {
                answer.readAllBytes();
            }
        }
    }
}
