package dev.shiptrack.shipment;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The {@code per-tenant-user} strategy with local passwords, and at most two tenant pools open. */
public class PerTenantUserProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "shipment.database.strategy", "per-tenant-user",
                "shipment.database.per-tenant-user.password-source", "local-password",
                "shipment.database.per-tenant-user.max-tenant-pools", "2",
                "shipment.database.per-tenant-user.max-pool-size", "1");
    }
}
