package dev.shiptrack.tracking.repository;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkClient;

/**
 * The time the store calls of one HTTP request may take together, {@code tracking.store-call-budget} counted from its
 * first call: each call waits at most the smaller of its own timeout and what is left. Each call is bounded on its own
 * (1.5 s), but a request makes several in a row (the tenant's status, the write, the index), and a store that answers
 * slowly and then hangs could otherwise keep a client waiting for the sum. Work outside an HTTP request (the
 * re-indexer, which nobody waits for) keeps each call's own timeout.
 */
@ApplicationScoped
public class StoreCallBudget {

    /** Where the first call's time is kept: the request's own data, so it ends with the request. */
    private static final String FIRST_CALL_NANOS = StoreCallBudget.class.getName() + ".first-call";
    /** Less than this is no time for a call: the request is answered 503 at once instead. */
    private static final Duration TOO_LITTLE = Duration.ofMillis(20);

    private final TenantAwsRequests tenantRequests;
    private final CurrentVertxRequest vertxRequest;
    private final Duration budget;

    StoreCallBudget(TenantAwsRequests tenantRequests, CurrentVertxRequest vertxRequest, TrackingConfig config) {
        this.tenantRequests = tenantRequests;
        this.vertxRequest = vertxRequest;
        this.budget = config.storeCallBudget();
    }

    /**
     * Overrides for one AWS SDK call on the scope's data: the tenant's credentials and, inside an HTTP request, a whole
     * call timeout no longer than the client's own and what is left of the budget.
     *
     * @throws StoreUnavailableException when the request's budget is spent
     */
    public AwsRequestOverrideConfiguration asTenant(TenantScope scope, SdkClient client, String layer) {
        AwsRequestOverrideConfiguration credentials = tenantRequests.overrideFor(scope.credentialsOwner(),
                scope.storage());
        Optional<Duration> left = left(layer);
        if (left.isEmpty()) {
            return credentials;
        }
        Duration own = client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout()
                .orElse(left.get());
        return credentials.toBuilder().apiCallTimeout(shorter(own, left.get())).build();
    }

    /**
     * The longest one call may wait: {@code own}, or less inside an HTTP request with less of its budget left.
     *
     * @throws StoreUnavailableException when the request's budget is spent
     */
    public Duration within(Duration own, String layer) {
        return left(layer).map(left -> shorter(own, left)).orElse(own);
    }

    /** What is left of the current HTTP request's budget; empty outside a request. */
    private Optional<Duration> left(String layer) {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext request = vertxRequest.getCurrent();
        if (request == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Long firstCall = request.get(FIRST_CALL_NANOS);
        if (firstCall == null) {
            request.put(FIRST_CALL_NANOS, now);
            return Optional.of(budget);
        }
        Duration left = budget.minusNanos(now - firstCall);
        if (left.compareTo(TOO_LITTLE) < 0) {
            throw new StoreUnavailableException(layer, "this request's store calls took their whole "
                    + budget.toMillis() + " ms");
        }
        return Optional.of(left);
    }

    private static Duration shorter(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }
}
