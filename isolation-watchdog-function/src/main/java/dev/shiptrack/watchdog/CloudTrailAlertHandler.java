package dev.shiptrack.watchdog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shiptrack.iam.isolation.TenantSessionCheck;
import dev.shiptrack.iam.isolation.TenantStatuses;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The isolation watchdog on AWS for what an EventBridge pattern cannot judge: CloudTrail's AssumeRole events of the
 * application access roles (deploy/'s rule sends those that carry session tags), each judged by the same
 * {@link TenantSessionCheck} as the local edge's watchdog, with the tenant's status read from its status item. An
 * alert is printed (the function's log) and published to the isolation alerts' topic. When the status cannot be read
 * or the alert cannot be published the invocation fails, so that Lambda retries the event instead of dropping it.
 */
public final class CloudTrailAlertHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every AWS call of an invocation is bounded; the function's own timeout (deploy/) is longer than two tries. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private final TenantSessionCheck check;
    private final AlertPublisher publisher;

    /** The Lambda runtime's constructor: settings from the environment, one client per service for the container. */
    public CloudTrailAlertHandler() {
        this(WatchdogSettings.from(System.getenv()), Clients.INSTANCE);
    }

    private CloudTrailAlertHandler(WatchdogSettings settings, Clients clients) {
        this(settings, new DynamoDbTenantStatuses(clients.dynamoDb, settings.tenantTable()),
                new SnsAlertPublisher(clients.sns, settings.alertTopicArn()));
    }

    CloudTrailAlertHandler(WatchdogSettings settings, TenantStatuses statuses, AlertPublisher publisher) {
        this.check = new TenantSessionCheck(settings.applicationRoles(), statuses);
        this.publisher = publisher;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode detail = JSON.readTree(input).path("detail");
        // A refused AssumeRole granted no session: the trust policy did its work, there is nothing to judge.
        if (!"AssumeRole".equals(detail.path("eventName").asText()) || detail.hasNonNull("errorCode")) {
            return;
        }
        String role = detail.path("requestParameters").path("roleArn").asText();
        Map<String, String> tags = new HashMap<>();
        for (JsonNode tag : detail.path("requestParameters").path("tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        Optional<TenantSessionCheck.Finding> finding = check.check(role, tags);
        if (finding.isPresent()) {
            String line = finding.get().alert().line(detail.path("userIdentity").path("arn").asText(),
                    finding.get().tenant(), "sts:AssumeRole", role, finding.get().detail());
            System.out.println(line);
            publisher.publish(finding.get().alert(), line);
        }
    }

    /** Created once per Lambda container, on its first invocation, and shared by every invocation after it. */
    private static final class Clients {

        static final Clients INSTANCE = new Clients();

        final DynamoDbClient dynamoDb;
        final SnsClient sns;

        private Clients() {
            SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(ATTEMPT_TIMEOUT)
                    .socketTimeout(ATTEMPT_TIMEOUT).build();
            ClientOverrideConfiguration bounded = ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT)
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT).build();
            dynamoDb = DynamoDbClient.builder().httpClient(http).overrideConfiguration(bounded).build();
            sns = SnsClient.builder().httpClient(http).overrideConfiguration(bounded).build();
        }
    }
}
