package dev.shiptrack.console.client;

import dev.shiptrack.console.config.ConsoleConfig;

import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The buggy service of walkthrough step 9: it takes a tenant session of TrackingAccessRole for its own tenant,
 * exactly as tracking-service's token vending machine does, then addresses the other tenant's partition, index or
 * prefix with it. The edge decides; the answer says what the store said, never a credential.
 */
public final class ForgedRequests implements AutoCloseable {

    /** The requests the lab can make, by the name the page sends. */
    public enum Kind {
        /** A DynamoDB Query of the other tenant's partition key. */
        DYNAMODB,
        /** An OpenSearch search in the other tenant's index. */
        OPENSEARCH,
        /** An S3 listing of the other tenant's prefix. */
        S3,
        /** For contrast: a DynamoDB Query of the own tenant's partition, which the policy allows. */
        OWN_DYNAMODB
    }

    private final ConsoleConfig.Lab lab;
    private final URI edge;
    private final Region region;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final StsClient sts;

    public ForgedRequests(ConsoleConfig.Lab lab, URI edge, String accessKey, String secretKey) {
        this.lab = lab;
        this.edge = edge;
        this.region = Region.of(lab.region());
        this.sts = StsClient.builder().endpointOverride(edge).region(region).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    /** Makes the request and describes it and the answer: {@code request}, {@code status}, {@code answer}. */
    public JsonObject attempt(Kind kind) {
        String partition = (kind == Kind.OWN_DYNAMODB ? lab.ownTenant() : lab.otherTenant()) + "#forged-by-the-lab";
        StaticCredentialsProvider session = tenantSession();
        JsonObject result = new JsonObject().put("kind", kind.name().toLowerCase());
        try {
            switch (kind) {
                case DYNAMODB, OWN_DYNAMODB -> {
                    result.put("request", "dynamodb:Query of " + lab.table() + " where pk = " + partition);
                    try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(edge).region(region)
                            .httpClient(http).credentialsProvider(session).build()) {
                        int count = dynamoDb.query(q -> q.tableName(lab.table()).keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))).count();
                        result.put("status", 200).put("answer", count + " items");
                    }
                }
                case S3 -> {
                    String prefix = lab.otherTenant() + "/";
                    result.put("request", "s3:ListBucket of " + lab.bucket() + " under " + prefix);
                    try (S3Client s3 = S3Client.builder().endpointOverride(edge).region(region).httpClient(http)
                            .forcePathStyle(true).credentialsProvider(session).build()) {
                        int count = s3.listObjectsV2(l -> l.bucket(lab.bucket()).prefix(prefix)).keyCount();
                        result.put("status", 200).put("answer", count + " objects");
                    }
                }
                case OPENSEARCH -> {
                    String path = "/" + lab.otherTenant() + "-tracking/_search";
                    result.put("request", "OpenSearch GET " + path);
                    openSearch(path, session, result);
                }
            }
        } catch (AwsServiceException e) {
            result.put("status", e.statusCode()).put("answer", e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage());
        }
        return result;
    }

    /** Credentials of TrackingAccessRole tagged with the own tenant, for the pooled table. */
    private StaticCredentialsProvider tenantSession() {
        Credentials credentials = sts.assumeRole(r -> r.roleArn(lab.roleArn()).roleSessionName("buggy-service")
                .tags(Tag.builder().key("TenantID").value(lab.ownTenant()).build(),
                        Tag.builder().key("StorageModel").value("pool").build())).credentials();
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()));
    }

    private void openSearch(String path, StaticCredentialsProvider session, JsonObject result) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(edge).encodedPath(path).method(SdkHttpMethod.GET).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(session.resolveCredentials()).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "es")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .build()).call();
            String body = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    body = new String(in.readNBytes(500), StandardCharsets.UTF_8);
                }
            }
            result.put("status", response.httpResponse().statusCode()).put("answer", body);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch did not answer through the edge", e);
        }
    }

    @Override
    public void close() {
        sts.close();
        http.close();
    }
}
