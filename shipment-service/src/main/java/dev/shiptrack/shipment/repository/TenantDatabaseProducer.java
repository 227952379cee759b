package dev.shiptrack.shipment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.shiptrack.shipment.config.ShipmentConfig;

/** Chooses the {@link TenantDatabase} and the {@link TenantPasswordSource} from configuration. */
@ApplicationScoped
public class TenantDatabaseProducer {

    @Produces
    @ApplicationScoped
    TenantDatabase tenantDatabase(ShipmentConfig config, Instance<PooledTenantDatabase> pooled,
            Instance<PerTenantUserDatabase> perTenantUser) {
        return switch (config.database().strategy()) {
            case POOLED -> pooled.get();
            case PER_TENANT_USER -> perTenantUser.get();
        };
    }

    @Produces
    @ApplicationScoped
    TenantPasswordSource tenantPasswordSource(ShipmentConfig config, Instance<IamTokenPasswordSource> iamTokens) {
        ShipmentConfig.PerTenantUser settings = config.database().perTenantUser();
        return switch (settings.passwordSource()) {
            case IAM_TOKEN -> iamTokens.get();
            case LOCAL_PASSWORD -> new LocalPasswordSource(settings.localPassword().orElseThrow(
                    () -> new IllegalStateException("shipment.database.per-tenant-user.local-password is required "
                            + "when password-source is local-password")));
        };
    }
}
