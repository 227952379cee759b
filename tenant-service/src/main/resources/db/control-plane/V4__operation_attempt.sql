-- The request that holds the tenant's running operation (onboarding, offboarding, storage move), chosen by it when it
-- claims or takes the operation over. A failure is recorded only by the attempt that holds it: also when that attempt
-- never learnt whether its own last transaction committed (PostgreSQL failing during COMMIT), and never over a
-- request that took the operation over since.
ALTER TABLE tenant_registry ADD COLUMN attempt uuid;
