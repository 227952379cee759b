package dev.shiptrack.tvm.aws;

import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Per-request overrides that make a shared SDK client act with the tenant's credentials, e.g.
 * {@code dynamo.getItem(r -> r.overrideConfiguration(requests.overrideFor(tenant)) ...)}. One SDK client serves
 * every tenant; only the credentials change per request.
 */
@ApplicationScoped
public class TenantAwsRequests {

    private final TenantCredentialsVendor vendor;

    public TenantAwsRequests(TenantCredentialsVendor vendor) {
        this.vendor = vendor;
    }

    public AwsRequestOverrideConfiguration overrideFor(TenantId tenant) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(vendor.credentialsFor(tenant)).build();
    }
}
