package dev.shiptrack.tvm.aws;

import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs HTTP requests (SigV4) with the tenant's credentials, for clients that are not AWS SDK clients, e.g. the
 * OpenSearch client with signing name {@code es}.
 */
@ApplicationScoped
public class TenantRequestSigner {

    private final TenantCredentialsVendor vendor;
    private final String region;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public TenantRequestSigner(TenantCredentialsVendor vendor, TvmConfig config) {
        this.vendor = vendor;
        this.region = config.region();
    }

    /** The request with SigV4 headers (including the session token) for the tenant, service and configured region. */
    public SdkHttpFullRequest sign(TenantId tenant, SdkHttpFullRequest request, String signingName) {
        return sign(vendor.credentialsFor(tenant).resolveCredentials(), request, signingName);
    }

    /**
     * The request signed with another identity: the service's own, for the few calls that touch no tenant's data
     * (readiness probes).
     */
    public SdkHttpFullRequest sign(AwsCredentialsIdentity identity, SdkHttpFullRequest request, String signingName) {
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(request)
                .payload(request.contentStreamProvider().orElse(null))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        return request.toBuilder().headers(signed.request().headers()).build();
    }
}
