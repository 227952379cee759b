package dev.shiptrack.shipment.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shiptrack.tvm.aws.RdsAuthTokens;
import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.tenant.TenantId;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The IAM token source asks tenant-tvm for a token of the tenant's own database user, off the event loop. (Signing
 * with vended credentials is tenant-tvm's, tested there; no local PostgreSQL can check an RDS token.)
 */
class IamTokenPasswordSourceTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    @Test
    void shouldAskForATokenOfTheTenantsOwnUserOffTheEventLoop() throws Exception {
        RecordingTokens tokens = new RecordingTokens();
        IamTokenPasswordSource source = new IamTokenPasswordSource(vertx, tokens);
        Context context = vertx.getOrCreateContext();

        String password = context.<String>executeBlocking(() -> null)
                .compose(ignored -> source.passwordFor("yellow", "cluster.example", 5432))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(password).isEqualTo("token:yellow@cluster.example:5432/yellow");
        assertThat(tokens.calls).containsExactly("yellow cluster.example 5432 yellow");
        assertThat(tokens.threads).singleElement().asString().doesNotContain("eventloop");
    }

    /** Records what tenant-tvm is asked for instead of signing (needs no STS). */
    private static final class RecordingTokens extends RdsAuthTokens {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        RecordingTokens() {
            super(null, regionOnly());
        }

        @Override
        public String generate(TenantId tenant, String hostname, int port, String username) {
            calls.add(tenant.value() + " " + hostname + " " + port + " " + username);
            threads.add(Thread.currentThread().getName());
            return "token:" + tenant.value() + "@" + hostname + ":" + port + "/" + username;
        }

        private static TvmConfig regionOnly() {
            return (TvmConfig) Proxy.newProxyInstance(TvmConfig.class.getClassLoader(), new Class<?>[] { TvmConfig.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("region")) {
                            return "us-east-1";
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
