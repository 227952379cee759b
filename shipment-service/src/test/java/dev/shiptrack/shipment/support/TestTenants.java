package dev.shiptrack.shipment.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registers the test tenants (seed 000's statuses and tiers) before each test, when the service has started and
 * its migration has created the table (a restart with another test profile gets a new database): as the superuser,
 * so row-level security does not apply, and idempotent. Written by the tests rather than by a Flyway location of
 * the tests, because a native executable only has the migrations it was built with. green has a token but no row:
 * an unregistered tenant. Use with {@code @ExtendWith(TestTenants.class)}.
 */
public final class TestTenants implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        try (Connection connection = Database.asSuperuser(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO tenants (tenant_id, status, tier) VALUES
                        ('yellow', 'active', 'premium'),
                        ('blue', 'active', 'standard'),
                        ('orange', 'suspended', 'basic'),
                        ('purple', 'disabled', 'basic')
                    ON CONFLICT (tenant_id) DO NOTHING""");
        }
    }
}
