package dev.shiptrack.tenant.client;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tvm.aws.TenantAwsRequests;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A tenant's silo table {@code <table>-<tenant>}, created and deleted with the tenant's own credentials:
 * TenantProvisioningPolicy names the table after the session's {@code TenantID}, so no session reaches another
 * tenant's. It has the pooled table's key schema and TTL attribute, so items move between the two unchanged; it needs
 * no {@code tenant-items} index, since everything in it is the tenant's.
 */
@ApplicationScoped
public class TenantSiloTables {

    /** How often a wait asks DescribeTable; AWS creates an on-demand table in seconds. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final DynamoDbClient dynamoDb;
    private final TenantAwsRequests tenantRequests;
    private final String pooledTable;
    private final DynamoDbWaiter waiter;

    TenantSiloTables(DynamoDbClient dynamoDb, TenantAwsRequests tenantRequests, TenantServiceConfig config) {
        this.dynamoDb = dynamoDb;
        this.tenantRequests = tenantRequests;
        this.pooledTable = config.stores().table();
        // Each DescribeTable has the client's timeouts; the wait as a whole is bounded too.
        this.waiter = DynamoDbWaiter.builder().client(dynamoDb).overrideConfiguration(wait -> wait
                .waitTimeout(config.stores().siloTableWait())
                .maxAttempts(Integer.MAX_VALUE)
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))).build();
    }

    @PreDestroy
    void close() {
        waiter.close();
    }

    private String name(TenantId tenant) {
        return StorageModel.SILO.table(pooledTable, tenant.value());
    }

    /** Creates the table (one that exists already is accepted), waits until it is ACTIVE and enables its TTL. */
    public void create(TenantId tenant) {
        String table = name(tenant);
        try {
            try {
                dynamoDb.createTable(create -> create.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName(TenantDataLayout.PARTITION_KEY)
                                        .attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder().attributeName(TenantDataLayout.SORT_KEY)
                                        .attributeType(ScalarAttributeType.S).build())
                        .keySchema(
                                KeySchemaElement.builder().attributeName(TenantDataLayout.PARTITION_KEY)
                                        .keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(TenantDataLayout.SORT_KEY)
                                        .keyType(KeyType.RANGE).build())
                        .overrideConfiguration(tenantRequests.overrideFor(tenant)));
            } catch (ResourceInUseException exists) {
                // Created by an earlier attempt of this step (or still being created): the wait below settles it.
            }
            waiter.waitUntilTableExists(describe -> describe.tableName(table)
                    .overrideConfiguration(tenantRequests.overrideFor(tenant)));
            enableExpiry(tenant, table);
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not create the silo table " + table + ": " + e.getMessage(),
                    false, e);
        }
    }

    /**
     * UpdateTimeToLive refuses to enable a TTL that is on already (which an earlier attempt may have done), and the
     * provisioning policy grants no DescribeTimeToLive to ask first: that refusal is success.
     */
    private void enableExpiry(TenantId tenant, String table) {
        try {
            dynamoDb.updateTimeToLive(ttl -> ttl.tableName(table)
                    .timeToLiveSpecification(spec -> spec.attributeName(TenantDataLayout.EXPIRY_ATTRIBUTE).enabled(true))
                    .overrideConfiguration(tenantRequests.overrideFor(tenant)));
        } catch (DynamoDbException e) {
            String message = String.valueOf(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage());
            if (e.statusCode() != 400 || !message.contains("already enabled")) {
                throw e;
            }
        }
    }

    /** Deletes the table and waits until it is gone; a table that does not exist is accepted. */
    public void delete(TenantId tenant) {
        String table = name(tenant);
        try {
            try {
                dynamoDb.deleteTable(delete -> delete.tableName(table)
                        .overrideConfiguration(tenantRequests.overrideFor(tenant)));
            } catch (ResourceNotFoundException absent) {
                return;
            } catch (ResourceInUseException busy) {
                // Being deleted by an earlier attempt, whose wait gave up: the wait below ends with it. (Being created
                // cannot last: the wait then runs out and the next attempt deletes the table.)
            }
            waiter.waitUntilTableNotExists(describe -> describe.tableName(table)
                    .overrideConfiguration(tenantRequests.overrideFor(tenant)));
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not delete the silo table " + table + ": " + e.getMessage(),
                    false, e);
        }
    }

    /** Whether the table exists, in any state (for the erasure inventory). */
    public boolean exists(TenantId tenant) {
        String table = name(tenant);
        try {
            dynamoDb.describeTable(describe -> describe.tableName(table)
                    .overrideConfiguration(tenantRequests.overrideFor(tenant)));
            return true;
        } catch (ResourceNotFoundException absent) {
            return false;
        } catch (SdkException e) {
            throw new StepFailedException("DynamoDB did not describe the silo table " + table + ": " + e.getMessage(),
                    false, e);
        }
    }
}
