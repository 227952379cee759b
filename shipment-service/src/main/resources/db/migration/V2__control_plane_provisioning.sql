-- The control plane (tenant-service) connects as tenant_provisioner: it writes the tenants rows (status and tier
-- are its projection of the tenant registry) and, at offboarding only, deletes a tenant's shipments. Its login,
-- CREATEROLE and ADMIN on shipment_tenant (to create and drop tenant roles) are given by provisioning, not here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenant_provisioner') THEN
        CREATE ROLE tenant_provisioner NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON tenants TO tenant_provisioner;
GRANT SELECT, DELETE ON shipments TO tenant_provisioner;

-- Every tenant row: the registry is the control plane's own business.
CREATE POLICY tenants_control_plane ON tenants
    FOR ALL TO tenant_provisioner
    USING (true)
    WITH CHECK (true);

-- Shipments of one tenant at a time: the one named in app.tenant_id, as for the pooled application role.
CREATE POLICY shipments_offboarding ON shipments
    FOR ALL TO tenant_provisioner
    USING (tenant_id = current_setting('app.tenant_id', true));
