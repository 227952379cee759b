package dev.shiptrack.backends;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Entry point of the DynamoDB Local child process (never loaded in the caller's JVM): DynamoDB Local's own entry
 * point listens on all interfaces and has no option to change that, so this one binds its Jetty connector to
 * 127.0.0.1 before starting it. Takes DynamoDB Local's command-line arguments.
 */
final class DynamoDbLocalLoopbackMain {

    private DynamoDbLocalLoopbackMain() {
    }

    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
        Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
        jettyField.setAccessible(true);
        for (Connector connector : ((Server) jettyField.get(server)).getConnectors()) {
            ((ServerConnector) connector).setHost(FreePorts.HOST);
        }
        server.start();
    }
}
