package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ProxyServerTest {

    private static final String BUCKET = "tracking-documents";
    private static final String KEY = "yellow/s1/label.pdf";

    @Test
    void shouldStoreAndReadAnObjectWithTheConfiguredKeyOnlyAndLeaveNoProcessBehind() {
        ProcessTree tree;
        try (S3ProxyServer server = S3ProxyServer.start(null, 0, "local-access", "local-secret");
                S3Client client = client(server, "local-access", "local-secret");
                S3Client intruder = client(server, "local-access", "wrong-secret")) {
            tree = ProcessTree.of(server.process());
            client.createBucket(b -> b.bucket(BUCKET));
            client.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromString("label of s1"));

            String content = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asUtf8String();

            assertThat(content).isEqualTo("label of s1");
            assertThat(NonLoopback.canConnect(server.endpoint().getPort())).as("reachable from another interface").isFalse();
            assertThatThrownBy(() -> intruder.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            tree.assertRunning();
        }
        tree.assertAllStopped();
    }

    private static S3Client client(LocalServer server, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
