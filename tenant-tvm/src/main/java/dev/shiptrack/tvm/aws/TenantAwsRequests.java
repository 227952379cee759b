package dev.shiptrack.tvm.aws;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Per-request overrides that make a shared SDK client act with the tenant's credentials, e.g.
 * {@code dynamo.getItem(r -> r.overrideConfiguration(requests.overrideFor(tenant)) ...)}. One SDK client serves
 * every tenant; only the credentials change per request.
 */
@ApplicationScoped
public class TenantAwsRequests {

    private final TenantCredentialsVendor vendor;
    private final AwsRequestOverrideConfiguration asService;

    public TenantAwsRequests(TenantCredentialsVendor vendor, StsClient sts) {
        this.vendor = vendor;
        // The service's own identity is the one it asks STS with; its data clients carry no credentials of their own.
        this.asService = AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(sts.serviceClientConfiguration().credentialsProvider()).build();
    }

    public AwsRequestOverrideConfiguration overrideFor(TenantId tenant) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(vendor.credentialsFor(tenant)).build();
    }

    /** The tenant's credentials, tagged with the storage model the caller chose the tenant's table by. */
    public AwsRequestOverrideConfiguration overrideFor(TenantId tenant, StorageModel storage) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(vendor.credentialsFor(tenant, storage))
                .build();
    }

    /** The service's own identity, for the few calls that touch no tenant's data (readiness probes, the routes registry). */
    public AwsRequestOverrideConfiguration asService() {
        return asService;
    }
}
