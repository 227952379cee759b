package dev.shiptrack.iam.isolation;

import java.io.IOException;
import java.util.Optional;

import dev.shiptrack.iam.TenantDataLayout;

/** The status of a tenant as the control plane published it (its status item); empty when it has none. */
@FunctionalInterface
public interface TenantStatuses {

    /** @throws IOException when the status cannot be read: it is then unknown, not absent */
    Optional<String> statusOf(String tenant) throws IOException;

    /** One table's read of a tenant's status item, however the reader reaches DynamoDB. */
    @FunctionalInterface
    interface TableRead {

        /**
         * @return empty when the table does not exist; else the status, empty when the table holds no status item
         * @throws IOException when the table could not be read
         */
        Optional<Optional<String>> statusIn(String table) throws IOException;
    }

    /**
     * The status in the first of {@link TenantDataLayout#statusTables} that holds the tenant's item: the tenant's silo
     * table (which need not exist), then the pooled one (which must).
     *
     * @throws IOException when a read fails or the pooled table does not exist
     */
    static Optional<String> firstFound(String pooledTable, String tenant, TableRead read) throws IOException {
        for (String table : TenantDataLayout.statusTables(pooledTable, tenant)) {
            Optional<Optional<String>> inTable = read.statusIn(table);
            if (inTable.isEmpty() && table.equals(pooledTable)) {
                throw new IOException("The pooled table " + pooledTable + " does not exist");
            }
            if (inTable.isPresent() && inTable.get().isPresent()) {
                return inTable.get();
            }
        }
        return Optional.empty();
    }
}
