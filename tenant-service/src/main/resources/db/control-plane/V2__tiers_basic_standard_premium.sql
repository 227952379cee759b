-- The tiers get the names of issue 11: gold, silver and bronze become premium, standard and basic (the same
-- mapping as shipment-service's V4 for public.tenants). Tombstones keep their tier, renamed too.
ALTER TABLE tenant_registry DROP CONSTRAINT tenant_registry_tier_check;
UPDATE tenant_registry SET tier = CASE tier WHEN 'gold' THEN 'premium' WHEN 'silver' THEN 'standard' ELSE 'basic' END
WHERE tier IN ('gold', 'silver', 'bronze');
ALTER TABLE tenant_registry ADD CONSTRAINT tenant_registry_tier_check CHECK (tier IN ('basic', 'standard', 'premium'));
