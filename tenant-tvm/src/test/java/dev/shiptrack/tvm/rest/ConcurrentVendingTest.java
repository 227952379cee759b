package dev.shiptrack.tvm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.tvm.support.LocalStsResource;
import dev.shiptrack.tvm.support.LocalStsServer;
import dev.shiptrack.tvm.support.LocalStsServer.AssumeRoleCall;
import dev.shiptrack.tvm.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent requests of many tenants share STS calls per tenant and never get another tenant's credentials. */
@QuarkusTest
@WithTestResource(LocalStsResource.class)
class ConcurrentVendingTest {

    private static final int TENANTS = 10;
    private static final int REQUESTS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/probe/credentials")
    URL probe;

    @AfterEach
    void answerPromptlyAgain() {
        LocalStsResource.server().answerAfter(0);
    }

    @Test
    void shouldMakeExactlyOneStsCallPerTenantForAThousandConcurrentRequests() throws Exception {
        LocalStsServer sts = LocalStsResource.server();
        sts.answerAfter(300); // keeps the first calls open while the other requests arrive
        List<String> tenants = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            tenants.add("crowd" + i);
            tokens.add(Tokens.forTenant("crowd" + i));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService callers = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JsonNode>> responses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String token = tokens.get(i % TENANTS);
                Callable<JsonNode> call = () -> {
                    start.await();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(probe.toString()))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    return JSON.readTree(response.body());
                };
                responses.add(callers.submit(call));
            }
            long began = System.nanoTime();
            start.countDown();
            List<JsonNode> bodies = new ArrayList<>();
            for (Future<JsonNode> response : responses) {
                bodies.add(response.get(60, TimeUnit.SECONDS));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            System.out.printf("%d concurrent requests across %d tenants: %d ms, %d STS calls%n",
                    REQUESTS, TENANTS, millis, tenants.stream().mapToInt(t -> sts.callsFor(t).size()).sum());

            for (String tenant : tenants) {
                List<AssumeRoleCall> calls = sts.callsFor(tenant);
                assertThat(calls).as(tenant).hasSize(1);
                List<JsonNode> ofTenant = bodies.stream().filter(body -> body.get("tenant").asText().equals(tenant)).toList();
                assertThat(ofTenant).hasSize(REQUESTS / TENANTS)
                        .allSatisfy(body -> assertThat(body.get("accessKeyId").asText()).isEqualTo(calls.get(0).accessKeyId()));
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
