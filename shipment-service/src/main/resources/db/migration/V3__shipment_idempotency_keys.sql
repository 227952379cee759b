-- Idempotency-Key of POST /shipments: a key binds one tenant's request (its SHA-256 fingerprint) to the shipment it
-- created, until expires_at. The key row is written first in the creating transaction (so a concurrent retry with
-- the same key waits on the primary key and then replays) and the shipment after it: the foreign key is checked
-- at commit. Offboarding deletes the tenant's shipments, and their keys with them (ON DELETE CASCADE).
CREATE TABLE shipment_idempotency_keys (
    tenant_id           text NOT NULL,
    idempotency_key     text NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9._:-]{1,128}$'),
    request_fingerprint text NOT NULL,
    shipment_id         uuid NOT NULL REFERENCES shipments (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX shipment_idempotency_keys_shipment ON shipment_idempotency_keys (shipment_id);

ALTER TABLE shipment_idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipment_idempotency_keys FORCE ROW LEVEL SECURITY;

CREATE POLICY idempotency_keys_pooled ON shipment_idempotency_keys
    FOR ALL TO shipment_app
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

CREATE POLICY idempotency_keys_per_tenant_user ON shipment_idempotency_keys
    FOR ALL TO shipment_tenant
    USING (tenant_id = current_user)
    WITH CHECK (tenant_id = current_user);

-- UPDATE only to take over an expired key (INSERT ... ON CONFLICT DO UPDATE); no DELETE for the application.
REVOKE ALL ON shipment_idempotency_keys FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON shipment_idempotency_keys TO shipment_app, shipment_tenant;
-- tenant_provisioner needs no grant: the cascade from its DELETE of shipments runs as the table owner, and
-- referential actions bypass row-level security.
