package dev.shiptrack.tvm.aws;

import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.tenant.TenantId;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * RDS IAM authentication tokens signed with the tenant's credentials, used as the database password: the
 * tenant's role may only {@code rds-db:connect} as the tenant's own database user.
 */
@ApplicationScoped
public class RdsAuthTokens {

    private final TenantCredentialsVendor vendor;
    private final RdsUtilities utilities;

    public RdsAuthTokens(TenantCredentialsVendor vendor, TvmConfig config) {
        this.vendor = vendor;
        this.utilities = RdsUtilities.builder().region(Region.of(config.region())).build();
    }

    /** A token valid for 15 minutes to connect to {@code hostname:port} as {@code username}. */
    public String generate(TenantId tenant, String hostname, int port, String username) {
        return utilities.generateAuthenticationToken(r -> r
                .hostname(hostname)
                .port(port)
                .username(username)
                .credentialsProvider(vendor.credentialsFor(tenant)));
    }
}
