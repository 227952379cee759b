-- Test tenants (seed 000 statuses and tiers). green has a token but no row: an unregistered tenant.
INSERT INTO tenants (tenant_id, status, tier) VALUES
    ('yellow', 'active', 'gold'),
    ('blue', 'active', 'silver'),
    ('orange', 'suspended', 'bronze'),
    ('purple', 'disabled', 'bronze');
