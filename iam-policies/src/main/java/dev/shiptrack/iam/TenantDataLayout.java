package dev.shiptrack.iam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a tenant's data lives in the shared stores, as the IAM policies of {@code deploy/iam} scope it: the
 * contract between the application plane (which writes the data) and the control plane (which creates the index
 * and erases everything at offboarding). Every name starts with the tenant id and a delimiter outside the id's
 * alphabet, so no tenant's prefix is another's.
 */
public final class TenantDataLayout {

    /** DynamoDB: the partition key attribute; every item's value starts with {@code <tenant>#}. */
    public static final String PARTITION_KEY = "pk";
    /** DynamoDB: the sort key attribute. */
    public static final String SORT_KEY = "sk";
    /**
     * DynamoDB: the attribute every item of a tenant carries with the value {@code <tenant>#}, the partition key of
     * the keys-only index {@link #TENANT_ITEMS_INDEX}: a tenant's partitions cannot be listed from the table's own
     * keys ({@code <tenant>#<shipmentId>}), so offboarding queries this index instead of scanning the table.
     */
    public static final String TENANT_KEY = "tenantKey";
    /**
     * DynamoDB: the TTL attribute (epoch seconds) of items that expire by themselves (drained re-index outbox entries,
     * idempotency keys), in the pooled table and in every silo table.
     */
    public static final String EXPIRY_ATTRIBUTE = "expiresAt";
    /** DynamoDB: the global secondary index on {@link #TENANT_KEY} (keys only). */
    public static final String TENANT_ITEMS_INDEX = "tenant-items";
    /**
     * DynamoDB: the tenant's status as the application plane reads it, the item {@code <tenant>#_tenant} /
     * {@code status} (the underscore is outside the shipment-id alphabet). Written only by the control plane:
     * TrackingAccessPolicy denies every write to it, TenantProvisioningPolicy allows it.
     */
    public static final String STATUS_SORT_KEY = "status";
    /** DynamoDB: the attribute of the status item holding {@code ACTIVE}, {@code SUSPENDED} or {@code DISABLED}. */
    public static final String STATUS_ATTRIBUTE = "tenantStatus";
    /** The one status that lets the tenant's users in. */
    public static final String ACTIVE = "ACTIVE";
    /**
     * DynamoDB: the control plane's routing registry, one partition of the pooled table that no tenant prefix can
     * reach (tenant ids never start with an underscore). Its items map hostnames to tenants and tenants to tiers; the
     * services read it with their own identity (never with a tenant's), only tenant-service writes it.
     */
    public static final String ROUTES_PARTITION = "_routes";
    /** DynamoDB: the attribute of a routes item holding the tenant id. */
    public static final String ROUTE_TENANT_ATTRIBUTE = "routeTenant";
    /** DynamoDB: the attribute of a tenant's routes item holding its tier ({@code basic}, {@code standard}, {@code premium}). */
    public static final String TIER_ATTRIBUTE = "tier";
    /**
     * DynamoDB: the attribute of a tenant's routes item holding its {@link StorageModel} ({@code pool} when absent).
     * The control plane switches it when it moves the tenant's items; the services read it to choose the table and
     * the session tag together.
     */
    public static final String STORAGE_ATTRIBUTE = "storage";
    /** OpenSearch: the explicit mapping of a tenant's index; unknown fields are refused ({@code strict}). */
    public static final String SEARCH_INDEX_MAPPING = """
            {"mappings": {"dynamic": "strict", "properties": {
              "eventId": {"type": "keyword"}, "shipmentId": {"type": "keyword"}, "status": {"type": "keyword"},
              "location": {"type": "text"}, "time": {"type": "date"}, "note": {"type": "text"},
              "recordedAt": {"type": "date"}}}}""";

    /** DynamoDB's rule for table names. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private TenantDataLayout() {
    }

    /** The value of {@link #TENANT_KEY}, and the prefix of every partition key of the tenant. */
    public static String tenantKey(String tenantPrefix) {
        return tenantPrefix + "#";
    }

    /** The partition key of the tenant's status item. */
    public static String statusPartitionKey(String tenantPrefix) {
        return tenantKey(tenantPrefix) + "_tenant";
    }

    /** The sort key of a hostname's routes item: {@code host#<hostname>}, lowercase, a wildcard as {@code host#*.<domain>}. */
    public static String hostRouteKey(String hostname) {
        return "host#" + hostname;
    }

    /** The sort key of a tenant's routes item (its tier): {@code tenant#<tenant>}. */
    public static String tenantRouteKey(String tenant) {
        return "tenant#" + tenant;
    }

    /**
     * DynamoDB: the silo table of a tenant, {@code <pooled table>-<tenant>}, with the pooled table's key schema and
     * item layout (so moving a tenant copies items unchanged). TrackingAccessPolicy names it with
     * {@code ${aws:PrincipalTag/TenantID}}, an exact name: tenant {@code a} cannot reach the table of tenant {@code a-b}.
     */
    public static String siloTable(String pooledTable, String tenantPrefix) {
        return pooledTable + "-" + tenantPrefix;
    }

    /**
     * The tables where the tenant's status item is looked up, in this order, the first that holds it answering: its
     * silo table (when the tenant has a silo, its status is there), then the pooled table. A tag value that cannot
     * name a table (a session tag may hold {@code /} or {@code :}) has no silo: only the pooled table is asked.
     */
    public static List<String> statusTables(String pooledTable, String tenantPrefix) {
        String silo = siloTable(pooledTable, tenantPrefix);
        return TABLE_NAME.matcher(silo).matches() ? List.of(silo, pooledTable) : List.of(pooledTable);
    }

    /** The tenant's OpenSearch index. */
    public static String searchIndex(String tenantPrefix) {
        return tenantPrefix + "-tracking";
    }

    /** The prefix of the tenant's S3 objects. */
    public static String objectPrefix(String tenantPrefix) {
        return tenantPrefix + "/";
    }
}
