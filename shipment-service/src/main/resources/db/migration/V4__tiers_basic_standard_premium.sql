-- The tiers get the names of issue 11 (tenant-service writes them): gold, silver and bronze become premium,
-- standard and basic, the same mapping as tenant-service's registry (control-plane V2).
ALTER TABLE tenants DROP CONSTRAINT tenants_tier_check;
UPDATE tenants SET tier = CASE tier WHEN 'gold' THEN 'premium' WHEN 'silver' THEN 'standard' ELSE 'basic' END
WHERE tier IN ('gold', 'silver', 'bronze');
ALTER TABLE tenants ADD CONSTRAINT tenants_tier_check CHECK (tier IN ('basic', 'standard', 'premium'));
