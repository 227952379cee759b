-- Login roles of shipment-service and tenant-service, created before their Flyway migrations run (the migration creates the tables
-- and policies as shipment_owner). Run as a superuser; safe to run again. Used by ./local-run and, as an init
-- script of the postgres container, by docker-compose.yml. Local passwords only.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shipment_owner') THEN
        CREATE ROLE shipment_owner LOGIN PASSWORD 'shipment-owner-local';
    END IF;
    -- The application role: neither owner nor BYPASSRLS, so row-level security applies to it.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shipment_app') THEN
        CREATE ROLE shipment_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'shipment-app-local';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shipment_tenant') THEN
        CREATE ROLE shipment_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    -- tenant-service, the control plane: creates and drops tenant roles (members of shipment_tenant, without
    -- using its privileges itself) and owns the schema control_plane.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenant_provisioner') THEN
        CREATE ROLE tenant_provisioner LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS PASSWORD 'tenant-provisioner-local';
    ELSE
        ALTER ROLE tenant_provisioner LOGIN CREATEROLE PASSWORD 'tenant-provisioner-local';
    END IF;
    GRANT shipment_tenant TO tenant_provisioner WITH ADMIN TRUE, INHERIT FALSE, SET FALSE;
    -- docker-compose creates the database before this script runs (POSTGRES_DB); ./local-run creates it afterwards.
    IF EXISTS (SELECT FROM pg_database WHERE datname = 'shipments') THEN
        ALTER DATABASE shipments OWNER TO shipment_owner;
    END IF;
    -- Run again inside the shipments database (./local-run does; docker-compose runs it there at once).
    IF current_database() = 'shipments' THEN
        CREATE SCHEMA IF NOT EXISTS control_plane AUTHORIZATION tenant_provisioner;
    END IF;
END
$$;
