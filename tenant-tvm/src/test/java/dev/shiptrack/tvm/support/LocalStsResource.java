package dev.shiptrack.tvm.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the {@link LocalStsServer} before the application and points the shared STS client at it. */
public class LocalStsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStsServer server;

    /** The running local STS, for assertions on what it received. */
    public static LocalStsServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = LocalStsServer.start();
        return Map.of("quarkus.sts.endpoint-override", server.endpoint());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
