package dev.shiptrack.localaws;

import dev.shiptrack.iam.StorageModel;

import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

import java.net.URI;

/** Real SDK v2 clients (URL-connection HTTP client) pointed at the edge. */
final class AwsClients {

    static final String TRACKING_ACCESS_ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";

    private final URI endpoint;

    AwsClients(URI endpoint) {
        this.endpoint = endpoint;
    }

    static AwsCredentialsProvider longTerm(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    static AwsCredentialsProvider session(Credentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()));
    }

    static AwsCredentialsProvider trackingService() {
        return longTerm(LocalAwsEdge.TRACKING_SERVICE_ACCESS_KEY, LocalAwsEdge.TRACKING_SERVICE_SECRET_KEY);
    }

    static AwsCredentialsProvider admin() {
        return longTerm(LocalAwsEdge.ADMIN_ACCESS_KEY, LocalAwsEdge.ADMIN_SECRET_KEY);
    }

    StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    DynamoDbClient dynamoDb(AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    S3Client s3(AwsCredentialsProvider credentials) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** What the TVM does: the tracking service assumes TrackingAccessRole with the tags of a pooled tenant. */
    AwsCredentialsProvider tenant(String tenant) {
        return tenant(tenant, StorageModel.POOL);
    }

    /** What the TVM does for a tenant whose items live where {@code storage} says. */
    AwsCredentialsProvider tenant(String tenant, StorageModel storage) {
        try (StsClient sts = sts(trackingService())) {
            return session(sts.assumeRole(AssumeRoleRequest.builder().roleArn(TRACKING_ACCESS_ROLE)
                    .roleSessionName("tenant-" + tenant).durationSeconds(900)
                    .tags(tenantTags(tenant, storage))
                    .build()).credentials());
        }
    }

    /** The session tags TrackingAccessRole's trust policy requires: TenantID and StorageModel. */
    static List<Tag> tenantTags(String tenant, StorageModel storage) {
        return List.of(Tag.builder().key("TenantID").value(tenant).build(),
                Tag.builder().key(StorageModel.SESSION_TAG).value(storage.value()).build());
    }
}
