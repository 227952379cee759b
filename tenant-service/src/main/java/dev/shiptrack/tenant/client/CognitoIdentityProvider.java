package dev.shiptrack.tenant.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.shiptrack.tenant.model.AdminUser;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * {@link IdentityProvider} on a Cognito user pool (AWS): AdminCreateUser with the immutable, admin-only
 * {@code custom:tenant_id} (deploy/'s TenantIdentity); Cognito e-mails the invitation with a temporary password, so
 * no password is ever passed. ListUsers cannot filter on custom attributes: finding a tenant's users pages through
 * the pool, which is linear in the pool's size (fine for offboarding, not for a request path).
 */
public class CognitoIdentityProvider implements IdentityProvider, AutoCloseable {

    /** The attribute deploy/ declares (TenantIdentity.COGNITO_TENANT_CLAIM). */
    static final String TENANT_ATTRIBUTE = "custom:tenant_id";

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;

    public CognitoIdentityProvider(CognitoIdentityProviderClient cognito, String userPoolId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
    }

    @Override
    public void createFirstUser(TenantId tenant, AdminUser admin) {
        try {
            Optional<String> owner = tenantOf(admin.username());
            if (owner.isPresent()) {
                requireSameTenant(tenant, owner.get());
                return;
            }
            cognito.adminCreateUser(create -> create.userPoolId(userPoolId).username(admin.username())
                    .userAttributes(attribute("email", admin.email()), attribute("email_verified", "true"),
                            attribute(TENANT_ATTRIBUTE, tenant.value()))
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
        } catch (UsernameExistsException e) {
            requireSameTenant(tenant, tenantOf(admin.username()).orElse(""));
        } catch (SdkException e) {
            throw new StepFailedException("Cognito is unavailable or refused the user: " + e.getMessage(), false, e);
        }
    }

    @Override
    public int deleteUsersOf(TenantId tenant) {
        try {
            List<String> usernames = usersOf(tenant);
            for (String username : usernames) {
                try {
                    cognito.adminDeleteUser(delete -> delete.userPoolId(userPoolId).username(username));
                } catch (UserNotFoundException alreadyGone) {
                    // deleted meanwhile: what this step wants
                }
            }
            return usernames.size();
        } catch (SdkException e) {
            throw new StepFailedException("Cognito did not delete the tenant's users: " + e.getMessage(), false, e);
        }
    }

    @Override
    public int countUsersOf(TenantId tenant) {
        try {
            return usersOf(tenant).size();
        } catch (SdkException e) {
            throw new StepFailedException("Cognito did not list the tenant's users: " + e.getMessage(), false, e);
        }
    }

    private List<String> usersOf(TenantId tenant) {
        List<String> usernames = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListUsersResponse users = cognito.listUsers(list -> list.userPoolId(userPoolId)
                    .attributesToGet(TENANT_ATTRIBUTE).paginationToken(page));
            for (UserType user : users.users()) {
                if (user.attributes().stream().anyMatch(a -> a.name().equals(TENANT_ATTRIBUTE)
                        && a.value().equals(tenant.value()))) {
                    usernames.add(user.username());
                }
            }
            token = users.paginationToken();
        } while (token != null);
        return usernames;
    }

    private Optional<String> tenantOf(String username) {
        try {
            return Optional.of(cognito.adminGetUser(get -> get.userPoolId(userPoolId).username(username))
                    .userAttributes().stream().filter(a -> a.name().equals(TENANT_ATTRIBUTE))
                    .map(AttributeType::value).findFirst().orElse(""));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
    }

    private static void requireSameTenant(TenantId tenant, String owner) {
        if (!tenant.value().equals(owner)) {
            throw new StepFailedException("The username is taken by a user of another tenant or of the platform",
                    true, null);
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    @Override
    public void close() {
        cognito.close();
    }
}
