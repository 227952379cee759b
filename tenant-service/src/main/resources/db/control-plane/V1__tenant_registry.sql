-- The control plane's own tables, in its own schema (owned by tenant_provisioner). The data plane's tenants row
-- (public.tenants, read by shipment-service) is a projection of this registry that the steps keep in line.
CREATE TABLE tenant_registry (
    tenant_id        text PRIMARY KEY CHECK (tenant_id ~ '^[a-z0-9]{3,32}$'),
    -- name and the first user's details are erased at offboarding; the row stays as a tombstone
    name             text,
    tier             text NOT NULL CHECK (tier IN ('gold', 'silver', 'bronze')),
    status           text NOT NULL CHECK (status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'OFFBOARDING', 'DELETED', 'FAILED')),
    failed_step      text,
    failed_operation text CHECK (failed_operation IN ('ONBOARDING', 'OFFBOARDING')),
    steps_done       text[] NOT NULL DEFAULT '{}',
    fingerprint      text NOT NULL,
    admin_username   text,
    admin_email      text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'FAILED') = (failed_step IS NOT NULL))
);

-- Transactional outbox of lifecycle events: written in the same transaction as the transition it reports.
CREATE TABLE lifecycle_events (
    id          bigserial PRIMARY KEY,
    tenant_id   text NOT NULL,
    detail_type text NOT NULL,
    detail      jsonb NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX lifecycle_events_tenant ON lifecycle_events (tenant_id, id);
