package dev.shiptrack.localaws;

import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.backends.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3IsolationTest {

    private static final String BUCKET = "tracking-documents";
    private static final String S3PROXY_KEY = "local-s3proxy";
    private static final String S3PROXY_SECRET = "local-s3proxy-secret";
    private static final MutableClock CLOCK = new MutableClock();
    @TempDir
    static Path dataDir;
    private static S3ProxyServer s3proxy;
    private static LocalAwsEdge edge;
    private static AwsClients clients;
    private static S3Client yellow;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyServer.start(dataDir, FreePorts.next(), S3PROXY_KEY, S3PROXY_SECRET);
        edge = LocalAwsEdge.builder().withLocalDefaults().clock(CLOCK)
                .s3(s3proxy.endpoint(), S3PROXY_KEY, S3PROXY_SECRET).start();
        clients = new AwsClients(edge.endpoint());
        try (S3Client admin = clients.s3(AwsClients.admin())) {
            if (admin.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(BUCKET))) {
                admin.createBucket(create -> create.bucket(BUCKET));
            }
            admin.headBucket(head -> head.bucket(BUCKET));
            admin.putObject(put -> put.bucket(BUCKET).key("blue/s1/label.pdf"), RequestBody.fromString("blue label"));
        }
        yellow = clients.s3(clients.tenant("yellow"));
    }

    @AfterAll
    static void stop() {
        yellow.close();
        edge.close();
        s3proxy.close();
    }

    @Test
    void shouldLetATenantWriteReadAndListItsOwnDocuments() {
        yellow.putObject(put -> put.bucket(BUCKET).key("yellow/s1/label.pdf").contentType("application/pdf"),
                RequestBody.fromString("yellow label"));

        assertThat(yellow.getObjectAsBytes(get -> get.bucket(BUCKET).key("yellow/s1/label.pdf")).asUtf8String())
                .isEqualTo("yellow label");
        assertThat(yellow.headObject(head -> head.bucket(BUCKET).key("yellow/s1/label.pdf")).contentLength())
                .isEqualTo(12);
        assertThat(yellow.listObjectsV2(list -> list.bucket(BUCKET).prefix("yellow/")).contents())
                .extracting(S3Object::key).containsExactly("yellow/s1/label.pdf");
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> {
            assertThat(record.action()).isEqualTo("s3:ListBucket");
            assertThat(record.decidingStatement()).isEqualTo("ListOnlyTenantPrefix");
        });
    }

    @Test
    void shouldSayNoSuchKeyForAMissingOwnDocument() {
        assertThatThrownBy(() -> yellow.getObjectAsBytes(get -> get.bucket(BUCKET).key("yellow/none/x.pdf")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void shouldRefuseReadingAnotherTenantsDocument() {
        assertAccessDenied(() -> yellow.getObjectAsBytes(get -> get.bucket(BUCKET).key("blue/s1/label.pdf")));
        assertThatThrownBy(() -> yellow.headObject(head -> head.bucket(BUCKET).key("blue/s1/label.pdf")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void shouldRefuseWritingOrDeletingInAnotherTenantsPrefix() {
        assertAccessDenied(() -> yellow.putObject(put -> put.bucket(BUCKET).key("blue/s1/label.pdf"),
                RequestBody.fromString("overwritten")));
        assertAccessDenied(() -> yellow.deleteObject(delete -> delete.bucket(BUCKET).key("blue/s1/label.pdf")));
        try (S3Client admin = clients.s3(AwsClients.admin())) {
            assertThat(admin.getObjectAsBytes(get -> get.bucket(BUCKET).key("blue/s1/label.pdf")).asUtf8String())
                    .isEqualTo("blue label");
        }
    }

    @Test
    void shouldRefuseListingAnotherTenantsPrefixOrTheWholeBucket() {
        assertAccessDenied(() -> yellow.listObjectsV2(list -> list.bucket(BUCKET).prefix("blue/")));
        assertAccessDenied(() -> yellow.listObjectsV2(list -> list.bucket(BUCKET)));
        assertAccessDenied(() -> yellow.listObjectsV2(list -> list.bucket(BUCKET).prefix("yellow")));
    }

    @Test
    void shouldRefuseDeletingEvenOwnDocumentsBecauseNoPolicyGrantsIt() {
        assertAccessDenied(() -> yellow.deleteObject(delete -> delete.bucket(BUCKET).key("yellow/s1/label.pdf")));
    }

    @Test
    void shouldHonourPresignedUrlsOnlyForOwnDocuments() throws Exception {
        yellow.putObject(put -> put.bucket(BUCKET).key("yellow/s2/photo.jpg"), RequestBody.fromString("photo"));
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(edge.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(clients.tenant("yellow"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            assertThat(statusOf(presigner, "yellow/s2/photo.jpg")).isEqualTo(200);
            assertThat(statusOf(presigner, "blue/s1/label.pdf")).isEqualTo(403);
        }
    }

    private static int statusOf(S3Presigner presigner, String key) throws Exception {
        URL url = presigner.presignGetObject(presign -> presign.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(BUCKET).key(key))).url();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void shouldRefuseExpiredCredentials() {
        try (S3Client shortLived = clients.s3(clients.tenant("yellow"))) {
            CLOCK.advance(Duration.ofSeconds(901));
            assertRefusedWith("ExpiredToken", () -> shortLived.listObjectsV2(list -> list.bucket(BUCKET)
                    .prefix("yellow/")));
        } finally {
            CLOCK.advance(Duration.ofSeconds(-901));
        }
    }

    @Test
    void shouldRefuseAWrongSecretAndAnUnknownKey() {
        try (S3Client forger = clients.s3(AwsClients.longTerm(LocalAwsEdge.ADMIN_ACCESS_KEY, "guess"))) {
            assertRefusedWith("SignatureDoesNotMatch", () -> forger.listObjectsV2(list -> list.bucket(BUCKET)));
        }
        try (S3Client stranger = clients.s3(AwsClients.longTerm("AKIAUNKNOWN000000000", "guess"))) {
            assertRefusedWith("InvalidAccessKeyId", () -> stranger.listObjectsV2(list -> list.bucket(BUCKET)));
        }
    }

    private static void assertAccessDenied(Executable call) {
        assertRefusedWith("AccessDenied", call);
    }

    private static void assertRefusedWith(String errorCode, Executable call) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(S3Exception.class, e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode));
    }
}
