package dev.shiptrack.tracking.health;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.shiptrack.tracking.config.TrackingConfig;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Ready when DynamoDB, OpenSearch, S3 and STS answer HTTP at all. It sends unsigned requests: the service holds no
 * data credentials of its own, and any answer (even 403) proves the endpoint is reachable.
 */
@Readiness
@ApplicationScoped
public class BackendReachabilityCheck implements HealthCheck {

    private final Map<String, URI> endpoints = new LinkedHashMap<>();
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(2))
            .build();

    BackendReachabilityCheck(DynamoDbClient dynamoDb, S3Client s3, StsClient sts, TrackingConfig config) {
        endpoints.put("dynamodb", dynamoDb.serviceClientConfiguration().endpointOverride()
                .orElseGet(() -> regional("dynamodb", dynamoDb.serviceClientConfiguration().region().id())));
        endpoints.put("opensearch", config.opensearch().endpoint());
        endpoints.put("s3", s3.serviceClientConfiguration().endpointOverride()
                .orElseGet(() -> regional("s3", s3.serviceClientConfiguration().region().id())));
        endpoints.put("sts", sts.serviceClientConfiguration().endpointOverride()
                .orElseGet(() -> regional("sts", sts.serviceClientConfiguration().region().id())));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends").up();
        endpoints.forEach((name, endpoint) -> {
            String problem = reach(endpoint);
            response.withData(name, problem == null ? "reachable" : problem);
            if (problem != null) {
                response.down();
            }
        });
        return response.build();
    }

    /** Null when the endpoint answered, else why not. */
    private String reach(URI endpoint) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().uri(endpoint).method(SdkHttpMethod.GET).build();
        try {
            var answer = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
            if (answer.responseBody().isPresent()) {
                answer.responseBody().get().close();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        }
    }

    private static URI regional(String service, String region) {
        return URI.create("https://" + service + "." + region + ".amazonaws.com");
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
