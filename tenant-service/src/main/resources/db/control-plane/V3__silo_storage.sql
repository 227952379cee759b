-- Silo storage: where the tenant's tracking items live (the routes item's storage attribute is written from it), and
-- a storage move: status MOVING while it runs, its target model, and the status (ACTIVE or SUSPENDED, which the data
-- plane keeps meanwhile) the tenant returns to once it ended. Tenants onboarded before are pooled.
ALTER TABLE tenant_registry ADD COLUMN storage text NOT NULL DEFAULT 'pool' CHECK (storage IN ('pool', 'silo'));
ALTER TABLE tenant_registry ADD COLUMN moving_to text CHECK (moving_to IN ('pool', 'silo'));
ALTER TABLE tenant_registry ADD COLUMN status_after_move text CHECK (status_after_move IN ('ACTIVE', 'SUSPENDED'));
ALTER TABLE tenant_registry ADD CONSTRAINT tenant_registry_move_check
    CHECK ((moving_to IS NULL) = (status_after_move IS NULL));
ALTER TABLE tenant_registry DROP CONSTRAINT tenant_registry_status_check;
ALTER TABLE tenant_registry ADD CONSTRAINT tenant_registry_status_check
    CHECK (status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'MOVING', 'OFFBOARDING', 'DELETED', 'FAILED'));
ALTER TABLE tenant_registry DROP CONSTRAINT tenant_registry_failed_operation_check;
ALTER TABLE tenant_registry ADD CONSTRAINT tenant_registry_failed_operation_check
    CHECK (failed_operation IN ('ONBOARDING', 'OFFBOARDING', 'STORAGE_MOVE'));
