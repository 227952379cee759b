package dev.shiptrack.tvm.support;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory STS for unit tests of single classes: records every AssumeRole request and answers with
 * credentials valid for the requested duration on the given clock, unless told to answer otherwise.
 */
public final class FakeStsClient implements StsClient {

    private final Clock clock;
    private final List<AssumeRoleRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Function<AssumeRoleRequest, AssumeRoleResponse> answer = this::grant;

    public FakeStsClient(Clock clock) {
        this.clock = clock;
    }

    /** Replaces the answer, e.g. with one that throws the exception STS would cause. */
    public void answerWith(Function<AssumeRoleRequest, AssumeRoleResponse> answer) {
        this.answer = answer;
    }

    public List<AssumeRoleRequest> requests() {
        return requests;
    }

    /** Credentials valid for the requested duration, with a key that tells vends apart. */
    public AssumeRoleResponse grant(AssumeRoleRequest request) {
        int n = issued.incrementAndGet();
        return AssumeRoleResponse.builder().credentials(Credentials.builder()
                        .accessKeyId("ASIAFAKE" + n)
                        .secretAccessKey("fake-secret-" + n)
                        .sessionToken("fake-token-" + n)
                        .expiration(clock.instant().plus(Duration.ofSeconds(request.durationSeconds())))
                        .build())
                .build();
    }

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
        requests.add(request);
        return answer.apply(request);
    }

    @Override
    public String serviceName() {
        return "sts";
    }

    @Override
    public void close() {
    }
}
