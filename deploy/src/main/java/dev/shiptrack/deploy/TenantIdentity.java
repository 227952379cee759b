package dev.shiptrack.deploy;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

import java.util.Map;
import java.util.Optional;

/**
 * Who the callers are: a Cognito user pool whose users carry an immutable {@code custom:tenant_id} attribute and
 * whose group {@value #OPERATOR_GROUP} holds the platform operators, or an external OIDC issuer given as context
 * ({@code oidcIssuer}, {@code oidcClientId}).
 */
public final class TenantIdentity extends Construct {

    /** The claim that carries the tenant id in Cognito ID tokens. */
    public static final String COGNITO_TENANT_CLAIM = "custom:tenant_id";
    /** The claim that carries the tenant id in tokens of an external issuer (docs/architecture.md). */
    public static final String DEFAULT_TENANT_CLAIM = "tenantId";
    /** The Cognito group of the platform operators, the only callers of tenant-service (no tenant id). */
    public static final String OPERATOR_GROUP = "platform-operator";
    /** The claim in which Cognito lists a user's groups, which tenant-service reads as roles. */
    public static final String COGNITO_GROUPS_CLAIM = "cognito:groups";

    private final String issuer;
    private final String clientId;
    private final String tenantClaim;
    private final Optional<UserPool> userPool;

    public TenantIdentity(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id);
        if (settings.oidcIssuer().isPresent()) {
            issuer = settings.oidcIssuer().get();
            clientId = settings.oidcClientId().orElseThrow();
            tenantClaim = DEFAULT_TENANT_CLAIM;
            userPool = Optional.empty();
            return;
        }
        UserPool pool = UserPool.Builder.create(this, "Users")
                .userPoolName("shiptrack-" + settings.stage())
                .selfSignUpEnabled(false)
                // Tenant ids follow [a-z0-9]{3,32}; once set, a user's tenant never changes.
                .customAttributes(Map.of("tenant_id",
                        StringAttribute.Builder.create().minLen(3).maxLen(32).mutable(false).build()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        UserPoolClient client = pool.addClient("Workshop", UserPoolClientOptions.builder()
                .userPoolClientName("shiptrack-workshop")
                .authFlows(AuthFlow.builder().userPassword(true).userSrp(true).build())
                .generateSecret(false)
                .readAttributes(new ClientAttributes()
                        .withStandardAttributes(StandardAttributesMask.builder().email(true).build())
                        .withCustomAttributes("tenant_id"))
                // Users must never be able to write their own tenant id.
                .writeAttributes(new ClientAttributes()
                        .withStandardAttributes(StandardAttributesMask.builder().email(true).build()))
                .build());
        CfnUserPoolGroup.Builder.create(this, "Operators")
                .userPoolId(pool.getUserPoolId())
                .groupName(OPERATOR_GROUP)
                .description("Platform operators: may onboard, suspend and offboard tenants through tenant-service")
                .build();
        issuer = pool.getUserPoolProviderUrl();
        clientId = client.getUserPoolClientId();
        tenantClaim = COGNITO_TENANT_CLAIM;
        userPool = Optional.of(pool);
    }

    /** The OIDC issuer URL the services verify tokens against. */
    public String issuer() {
        return issuer;
    }

    /** The client id (token audience). */
    public String clientId() {
        return clientId;
    }

    /** The claim that carries the tenant id. */
    public String tenantClaim() {
        return tenantClaim;
    }

    public Optional<UserPool> userPool() {
        return userPool;
    }
}
