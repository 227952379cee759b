package dev.shiptrack.tenant.repository;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.shiptrack.tvm.config.TvmConfig;
import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * The database login on Aurora, where every login authenticates with IAM: the password of each new connection is an
 * RDS authentication token signed with the service's own role (TenantServiceRole may {@code rds-db:connect} as
 * {@code tenant_provisioner} and as nobody else). A token is accepted for 15 minutes and a connection opened with it
 * lives on, so Agroal asks for a new token whenever it opens a connection. Selected by
 * {@code quarkus.datasource.credentials-provider=rds-iam}, which deploy/ sets; local runs keep the password.
 */
@ApplicationScoped
@Unremovable
@Named(IamDatabaseLogin.NAME)
public class IamDatabaseLogin implements CredentialsProvider {

    /** The bean name {@code quarkus.datasource.credentials-provider} selects. */
    public static final String NAME = "rds-iam";
    private static final int POSTGRESQL_PORT = 5432;

    private final RdsUtilities rds;
    private final AwsCredentialsProvider serviceCredentials;
    private final String hostname;
    private final int port;
    private final String username;

    @Inject
    IamDatabaseLogin(TvmConfig tvm, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String username) {
        this(RdsUtilities.builder().region(Region.of(tvm.region())).build(),
                DefaultCredentialsProvider.builder().build(), jdbcUrl, username);
    }

    IamDatabaseLogin(RdsUtilities rds, AwsCredentialsProvider serviceCredentials, String jdbcUrl, String username) {
        URI address = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        if (address.getHost() == null) {
            throw new IllegalArgumentException("quarkus.datasource.jdbc.url names no host: " + jdbcUrl);
        }
        this.rds = rds;
        this.serviceCredentials = serviceCredentials;
        this.hostname = address.getHost();
        this.port = address.getPort() == -1 ? POSTGRESQL_PORT : address.getPort();
        this.username = username;
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        String token = rds.generateAuthenticationToken(request -> request
                .hostname(hostname)
                .port(port)
                .username(username)
                .credentialsProvider(serviceCredentials));
        return Map.of(USER_PROPERTY_NAME, username, PASSWORD_PROPERTY_NAME, token);
    }
}
