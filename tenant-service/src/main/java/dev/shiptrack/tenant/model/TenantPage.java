package dev.shiptrack.tenant.model;

import java.util.List;

/** One page of {@code GET /tenants}, ordered by id. */
public record TenantPage(List<TenantView> items, int page, int size, long total) {
}
