package dev.shiptrack.tracking.repository;

import dev.shiptrack.iam.StorageModel;
import static dev.shiptrack.tracking.Tokens.BLUE;
import static dev.shiptrack.tracking.Tokens.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shiptrack.backends.TrackingStores;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tracking.TrackingBackendsResource;
import dev.shiptrack.tracking.model.DeliveryDocument;
import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tracking.model.TrackingStatus;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.tenant.TenantId;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Defense in depth: a simulated application bug addresses blue's key, index and object prefix while holding
 * yellow's vended credentials. IAM at the edge refuses every store call, which the service answers with 403.
 */
@QuarkusTest
@WithTestResource(TrackingBackendsResource.class)
class StoreIsolationTest {

    private static final TenantScope BUGGY = new TenantScope(new TenantId(BLUE), new TenantId(YELLOW), StorageModel.POOL);
    private static final TenantScope BLUE_ITSELF = new TenantScope(new TenantId(BLUE), new TenantId(BLUE), StorageModel.POOL);

    @Inject
    TrackingEventRepository events;
    @Inject
    TrackingSearchRepository search;
    @Inject
    DeliveryDocumentRepository documents;
    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    S3Client s3;
    @Inject
    TenantAwsRequests requests;

    private final String shipment = "SHP-" + UUID.randomUUID();
    private final TrackingEvent bluesEvent = new TrackingEvent(UUID.randomUUID().toString(), shipment,
            TrackingStatus.IN_TRANSIT, "Lyon", Instant.now().truncatedTo(ChronoUnit.MILLIS), "blue's parcel",
            Instant.now());

    @Test
    void shouldRefuseReadingAnotherTenantsDynamoDbPartition() {
        events.save(BLUE_ITSELF, bluesEvent);

        assertDenied(() -> events.history(BUGGY, shipment), "dynamodb");
        assertDenied(() -> events.latest(BUGGY, shipment), "dynamodb");
    }

    @Test
    void shouldRefuseWritingIntoAnotherTenantsDynamoDbPartition() {
        assertDenied(() -> events.save(BUGGY, bluesEvent), "dynamodb");
        assertThat(events.history(BLUE_ITSELF, shipment)).isEmpty();
    }

    @Test
    void shouldRefuseSearchingAnotherTenantsOpenSearchIndex() {
        search.index(BLUE_ITSELF, bluesEvent);

        assertDenied(() -> search.search(BUGGY, "parcel", 10), "opensearch");
    }

    @Test
    void shouldRefuseIndexingIntoAnotherTenantsOpenSearchIndex() {
        assertDenied(() -> search.index(BUGGY, bluesEvent), "opensearch");
    }

    @Test
    void shouldRefuseReadingAnotherTenantsS3Prefix() {
        documents.save(BLUE_ITSELF, shipment, "pod.pdf", pdf("blue's proof"));

        assertDenied(() -> documents.find(BUGGY, shipment, "pod.pdf"), "s3");
    }

    @Test
    void shouldRefuseWritingUnderAnotherTenantsS3Prefix() {
        assertDenied(() -> documents.save(BUGGY, shipment, "pod.pdf", pdf("forged")), "s3");
        assertThat(documents.find(BLUE_ITSELF, shipment, "pod.pdf")).isEmpty();
    }

    @Test
    void shouldFailClosedWhenACallForgetsTheTenantCredentials() {
        assertThatThrownBy(() -> dynamoDb.getItem(get -> get.tableName("TrackingData")
                .key(java.util.Map.of("pk", AttributeValue.fromS(BLUE + "#" + shipment),
                        "sk", AttributeValue.fromS("x")))))
                .isInstanceOf(SdkException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(get -> get.bucket("tracking-documents")
                .key(BLUE + "/" + shipment + "/pod.pdf")))
                .isInstanceOf(SdkException.class);
    }

    private static DeliveryDocument pdf(String text) {
        return new DeliveryDocument("application/pdf", ("%PDF-1.7 " + text).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseASiloTenantsCredentialsOnThePooledTable() {
        TenantId acme = new TenantId(TrackingBackendsResource.SILO_TENANT);

        assertDynamoDbDenied(() -> dynamoDb.getItem(get -> get.tableName(TrackingStores.TABLE)
                .key(statusKey(acme.value())).overrideConfiguration(requests.overrideFor(acme, StorageModel.SILO))));
    }

    @Test
    void shouldRefuseAPooledTenantsCredentialsOnEverySiloTableEvenWithTheOwnersKeys() {
        TenantId acme = new TenantId(TrackingBackendsResource.SILO_TENANT);
        String acmeTable = TrackingBackendsResource.tableOf(acme.value());

        assertDynamoDbDenied(() -> dynamoDb.getItem(get -> get.tableName(acmeTable).key(statusKey(acme.value()))
                .overrideConfiguration(requests.overrideFor(new TenantId(YELLOW), StorageModel.POOL))));
        // acme itself with a session tagged pool, as a service whose registry snapshot is stale would hold.
        assertDynamoDbDenied(() -> dynamoDb.getItem(get -> get.tableName(acmeTable).key(statusKey(acme.value()))
                .overrideConfiguration(requests.overrideFor(acme, StorageModel.POOL))));
        assertThat(dynamoDb.getItem(get -> get.tableName(acmeTable).key(statusKey(acme.value()))
                .overrideConfiguration(requests.overrideFor(acme, StorageModel.SILO))).item())
                .as("the silo session itself reads it").isNotEmpty();
    }

    private static Map<String, AttributeValue> statusKey(String tenant) {
        return Map.of(TenantDataLayout.PARTITION_KEY, AttributeValue.fromS(TenantDataLayout.statusPartitionKey(tenant)),
                TenantDataLayout.SORT_KEY, AttributeValue.fromS(TenantDataLayout.STATUS_SORT_KEY));
    }

    private static void assertDynamoDbDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DynamoDbException.class, denied ->
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String layer) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StoreAccessDeniedException.class, denied -> {
                    assertThat(denied.layer()).isEqualTo(layer);
                    assertThat(denied.tenant()).isEqualTo(YELLOW);
                    assertThat(denied.resource()).startsWith(layer.equals("opensearch") ? "/" + BLUE : BLUE);
                });
    }
}
