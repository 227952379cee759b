package dev.shiptrack.tenant.client;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tenant.model.AdminUser;
import dev.shiptrack.tvm.tenant.TenantId;
import io.quarkus.oidc.client.OidcClientException;

/** {@link IdentityProvider} on Keycloak's admin REST API (the local realm {@code tracking}); chosen by {@link IdentityProviders}. */
@ApplicationScoped
@Typed(KeycloakIdentityProvider.class)
public class KeycloakIdentityProvider implements IdentityProvider {

    /** Users deleted per search round; the search repeats until none is left. */
    private static final int PAGE = 100;
    /** Actions Keycloak asks for at the first login when no password was given: set one, verify the e-mail. */
    private static final List<String> INVITATION = List.of("UPDATE_PASSWORD", "VERIFY_EMAIL");

    private final KeycloakAdminApi admin;
    private final String realm;
    private final String attribute;

    KeycloakIdentityProvider(@RestClient KeycloakAdminApi admin, TenantServiceConfig config) {
        this.admin = admin;
        this.realm = config.identity().realm();
        this.attribute = config.identity().tenantAttribute();
    }

    @Override
    public void createFirstUser(TenantId tenant, AdminUser user) {
        try {
            List<KeycloakAdminApi.User> existing = admin.byUsername(realm, user.username(), true);
            if (!existing.isEmpty()) {
                requireSameTenant(tenant, existing.get(0));
                return;
            }
            boolean withPassword = user.password() != null;
            KeycloakAdminApi.User created = new KeycloakAdminApi.User(null, user.username(), user.email(), true,
                    withPassword, Map.of(attribute, List.of(tenant.value())),
                    withPassword ? List.of(new KeycloakAdminApi.Credential("password", user.password(), false)) : null,
                    withPassword ? null : INVITATION);
            try (Response response = admin.create(realm, created)) {
                if (response.getStatus() == 409) {
                    // Created meanwhile (a concurrent retry), or the e-mail belongs to someone else.
                    List<KeycloakAdminApi.User> now = admin.byUsername(realm, user.username(), true);
                    if (now.isEmpty()) {
                        throw new StepFailedException("The identity provider refused the user: its e-mail address"
                                + " is taken", true, null);
                    }
                    requireSameTenant(tenant, now.get(0));
                } else if (response.getStatus() != 201) {
                    throw new StepFailedException("The identity provider refused the user (HTTP "
                            + response.getStatus() + ")", response.getStatus() == 400, null);
                }
            }
        } catch (WebApplicationException | ProcessingException | OidcClientException e) {
            throw unavailable(e);
        }
    }

    @Override
    public int deleteUsersOf(TenantId tenant) {
        int deleted = 0;
        try {
            List<KeycloakAdminApi.User> users;
            while (!(users = usersOf(tenant)).isEmpty()) {
                for (KeycloakAdminApi.User user : users) {
                    try (Response response = admin.delete(realm, user.id())) {
                        if (response.getStatus() != 204 && response.getStatus() != 404) {
                            throw new StepFailedException("The identity provider did not delete a user (HTTP "
                                    + response.getStatus() + ")", false, null);
                        }
                    }
                    deleted++;
                }
            }
            return deleted;
        } catch (WebApplicationException | ProcessingException | OidcClientException e) {
            throw unavailable(e);
        }
    }

    @Override
    public int countUsersOf(TenantId tenant) {
        try {
            return usersOf(tenant).size();
        } catch (WebApplicationException | ProcessingException | OidcClientException e) {
            throw unavailable(e);
        }
    }

    /** Keycloak's {@code q} search matches substrings of values: keep the exact matches only. */
    private List<KeycloakAdminApi.User> usersOf(TenantId tenant) {
        return admin.byAttribute(realm, attribute + ":" + tenant.value(), PAGE).stream()
                .filter(user -> user.attributes() != null
                        && List.of(tenant.value()).equals(user.attributes().get(attribute)))
                .toList();
    }

    private void requireSameTenant(TenantId tenant, KeycloakAdminApi.User user) {
        List<String> owner = user.attributes() == null ? null : user.attributes().get(attribute);
        if (!List.of(tenant.value()).equals(owner)) {
            throw new StepFailedException("The username is taken by a user of another tenant or of the platform",
                    true, null);
        }
    }

    private static StepFailedException unavailable(Exception e) {
        return new StepFailedException("The identity provider is unavailable: " + e.getClass().getSimpleName(), false, e);
    }
}
