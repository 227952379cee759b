package dev.shiptrack.iam;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a tenant's tracking items live: in the pooled table, partitioned by tenant, or in a table of its own (a silo,
 * for premium tenants). Sessions of TrackingAccessRole carry it as the session tag {@value #SESSION_TAG}, and
 * TrackingAccessPolicy lets a {@code pool} session reach only the pooled table and a {@code silo} session only the
 * table named after its own {@code TenantID}: one role, no per-tenant IAM, and neither kind reaches the other's table.
 */
public enum StorageModel {
    POOL, SILO;

    /** The session tag the policies read as {@code ${aws:PrincipalTag/StorageModel}}. */
    public static final String SESSION_TAG = "StorageModel";

    /** The value as it appears in session tags, routes items and the tenant API: {@code pool} or {@code silo}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model named {@code value} ({@code pool} or {@code silo}), empty for anything else. */
    public static Optional<StorageModel> parse(String value) {
        for (StorageModel model : values()) {
            if (model.value().equals(value)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    /** The table holding the tenant's items under this model, given the pooled table's name. */
    public String table(String pooledTable, String tenantPrefix) {
        return this == POOL ? pooledTable : TenantDataLayout.siloTable(pooledTable, tenantPrefix);
    }
}
