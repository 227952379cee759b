-- Runs as the schema owner (or a superuser), never as the application role: the application role must be
-- neither the owner of these tables nor BYPASSRLS, or row-level security would not apply to it.

-- Roles. Logins, passwords and the rds_iam grant are given by provisioning, not here.
--   shipment_app    : the one application role of the pooled strategy
--   shipment_tenant : group role of the per-tenant-user strategy; each tenant role (named after the tenant id)
--                     is a member of it and inherits its table privileges
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shipment_app') THEN
        CREATE ROLE shipment_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shipment_tenant') THEN
        CREATE ROLE shipment_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;

CREATE TABLE tenants (
    tenant_id text PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9]{3,32}$'),
    status    text NOT NULL CHECK (status IN ('active', 'suspended', 'disabled')),
    tier      text NOT NULL CHECK (tier IN ('gold', 'silver', 'bronze'))
);

CREATE TABLE shipments (
    id                   uuid PRIMARY KEY,
    tenant_id            text NOT NULL REFERENCES tenants (tenant_id),
    order_reference      text NOT NULL,
    origin_street        text NOT NULL,
    origin_city          text NOT NULL,
    origin_postal_code   text NOT NULL,
    origin_country       char(2) NOT NULL,
    destination_street   text NOT NULL,
    destination_city     text NOT NULL,
    destination_postal_code text NOT NULL,
    destination_country  char(2) NOT NULL,
    carrier              text NOT NULL,
    weight_grams         integer NOT NULL CHECK (weight_grams > 0),
    length_cm            integer NOT NULL CHECK (length_cm > 0),
    width_cm             integer NOT NULL CHECK (width_cm > 0),
    height_cm            integer NOT NULL CHECK (height_cm > 0),
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX shipments_tenant_created ON shipments (tenant_id, created_at DESC, id);

-- FORCE makes the policies apply to the table owner too; only superusers and BYPASSRLS roles skip them.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
ALTER TABLE shipments ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipments FORCE ROW LEVEL SECURITY;

-- Pooled strategy: the tenant is the transaction-local setting app.tenant_id. When it is not set,
-- current_setting(..., true) is NULL (or '' after an earlier transaction), which matches no row: closed by default.
CREATE POLICY tenants_pooled ON tenants
    FOR SELECT TO shipment_app
    USING (tenant_id = current_setting('app.tenant_id', true));

CREATE POLICY shipments_pooled ON shipments
    FOR ALL TO shipment_app
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));

-- Per-tenant-user strategy: the tenant is the database role itself. These policies apply only to members of
-- shipment_tenant, so a tenant role cannot widen its reach by setting app.tenant_id.
CREATE POLICY tenants_per_tenant_user ON tenants
    FOR SELECT TO shipment_tenant
    USING (tenant_id = current_user);

CREATE POLICY shipments_per_tenant_user ON shipments
    FOR ALL TO shipment_tenant
    USING (tenant_id = current_user)
    WITH CHECK (tenant_id = current_user);

-- Least privilege: read the own tenant row; read and create shipments (no update or delete endpoint exists).
REVOKE ALL ON tenants, shipments FROM PUBLIC;
GRANT SELECT ON tenants TO shipment_app, shipment_tenant;
GRANT SELECT, INSERT ON shipments TO shipment_app, shipment_tenant;
