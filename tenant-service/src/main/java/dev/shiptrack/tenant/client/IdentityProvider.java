package dev.shiptrack.tenant.client;

import dev.shiptrack.tenant.model.AdminUser;
import dev.shiptrack.tvm.tenant.TenantId;

/**
 * The users of tenants in the identity provider, whose admin-only {@code tenantId} attribute becomes the token's
 * claim. Keycloak's admin API locally ({@link KeycloakIdentityProvider}); on AWS, Cognito's AdminCreateUser with
 * {@code custom:tenant_id} would implement the same contract.
 */
public interface IdentityProvider {

    /**
     * Creates the tenant's first user, or accepts the one a previous attempt created for the same tenant.
     *
     * @throws StepFailedException with {@code conflict} when the username belongs to another tenant or to no tenant
     */
    void createFirstUser(TenantId tenant, AdminUser admin);

    /** Deletes every user of the tenant; returns how many. */
    int deleteUsersOf(TenantId tenant);

    /** How many users the tenant has (for the erasure inventory). */
    int countUsersOf(TenantId tenant);
}
