package dev.shiptrack.tracking.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.model.DeliveryDocument;
import dev.shiptrack.iam.TenantDataLayout;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Delivery documents in S3 under {@code <tenant>/<shipmentId>/<name>}, with their content type. */
@ApplicationScoped
public class DeliveryDocumentRepository {

    static final String LAYER = "s3";

    private final S3Client s3;
    private final StoreCallBudget budget;
    private final TrackingConfig config;

    DeliveryDocumentRepository(S3Client s3, StoreCallBudget budget, TrackingConfig config) {
        this.s3 = s3;
        this.budget = budget;
        this.config = config;
    }

    public void save(TenantScope scope, String shipmentId, String name, DeliveryDocument document) {
        String key = objectKey(scope, shipmentId, name);
        try {
            s3.putObject(put -> put.bucket(config.bucket()).key(key).contentType(document.contentType())
                    .overrideConfiguration(budget.asTenant(scope, s3, LAYER)),
                    RequestBody.fromBytes(document.content()));
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, key, e);
        }
    }

    public Optional<DeliveryDocument> find(TenantScope scope, String shipmentId, String name) {
        String key = objectKey(scope, shipmentId, name);
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(get -> get.bucket(config.bucket()).key(key)
                    .overrideConfiguration(budget.asTenant(scope, s3, LAYER)));
            return Optional.of(new DeliveryDocument(object.response().contentType(), object.asByteArray()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(LAYER, scope, key, e);
        }
    }

    private static String objectKey(TenantScope scope, String shipmentId, String name) {
        return TenantDataLayout.objectPrefix(scope.prefix()) + shipmentId + "/" + name;
    }
}
