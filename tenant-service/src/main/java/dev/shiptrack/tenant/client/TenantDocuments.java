package dev.shiptrack.tenant.client;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The tenant's delivery documents under {@code <tenant>/} in the shared bucket, listed and deleted with the
 * tenant's own credentials ({@code s3:prefix} and the object ARN are scoped by the TenantID tag). In a versioned
 * bucket the deletes leave noncurrent versions, which the bucket's lifecycle rule expires (deploy/).
 */
@ApplicationScoped
public class TenantDocuments {

    private final S3Client s3;
    private final TenantAwsRequests tenantRequests;
    private final String bucket;

    TenantDocuments(S3Client s3, TenantAwsRequests tenantRequests, TenantServiceConfig config) {
        this.s3 = s3;
        this.tenantRequests = tenantRequests;
        this.bucket = config.stores().bucket();
    }

    /** Deletes every object under the tenant's prefix; returns how many. */
    public int deleteAll(TenantId tenant) {
        int deleted = 0;
        try {
            ListObjectsV2Response page;
            do {
                page = firstPage(tenant);
                for (S3Object object : page.contents()) {
                    s3.deleteObject(delete -> delete.bucket(bucket).key(object.key())
                            .overrideConfiguration(tenantRequests.overrideFor(tenant)));
                    deleted++;
                }
            } while (page.isTruncated());
            return deleted;
        } catch (SdkException e) {
            throw new StepFailedException("S3 did not delete the tenant's documents: " + e.getMessage(), false, e);
        }
    }

    /** How many objects are under the tenant's prefix (up to one page, for the erasure inventory). */
    public int count(TenantId tenant) {
        try {
            return firstPage(tenant).keyCount();
        } catch (SdkException e) {
            throw new StepFailedException("S3 did not list the tenant's documents: " + e.getMessage(), false, e);
        }
    }

    private ListObjectsV2Response firstPage(TenantId tenant) {
        return s3.listObjectsV2(list -> list.bucket(bucket).prefix(TenantDataLayout.objectPrefix(tenant.value()))
                .overrideConfiguration(tenantRequests.overrideFor(tenant)));
    }
}
