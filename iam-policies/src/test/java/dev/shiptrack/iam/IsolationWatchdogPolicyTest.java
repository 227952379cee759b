package dev.shiptrack.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shiptrack.iam.IamSimulator.Decision;

/**
 * The isolation watchdog's function on AWS reads tenants' status items to judge their sessions, with the independent
 * evaluator: the status item of any tenant, in the pooled table and in a silo table, and nothing else of them.
 */
class IsolationWatchdogPolicyTest {

    private static final String ROLE = "IsolationWatchdogRole";
    private static final String SILO = PolicyCases.TABLE + "-vault";
    private static final String STATUS = TenantDataLayout.statusPartitionKey("yellow");

    private final PolicyCases cases = new PolicyCases();
    private final JsonNode policy = PolicyCases.hydrated(PolicyDocuments.ISOLATION_WATCHDOG_ROLE_POLICY);

    @Test
    void shouldReadEveryTenantsStatusItemInThePooledAndTheSiloTables() {
        cases.add(ROLE, policy, "dynamodb:GetItem", PolicyCases.TABLE, List.of(STATUS), null, Decision.Allowed);
        cases.add(ROLE, policy, "dynamodb:GetItem", SILO, List.of(TenantDataLayout.statusPartitionKey("vault")), null,
                Decision.Allowed);

        assertThat(cases.evaluate()).isEqualTo(cases.expected());
    }

    @Test
    void shouldReadNoTenantDataAndWriteNothing() {
        for (String table : List.of(PolicyCases.TABLE, SILO)) {
            cases.add(ROLE, policy, "dynamodb:GetItem", table, List.of("yellow#SHP-1"), null,
                    Decision.ImplicitlyDenied);
            cases.add(ROLE, policy, "dynamodb:GetItem", table, List.of(STATUS, "yellow#SHP-1"), null,
                    Decision.ImplicitlyDenied);
            // ForAllValues alone would hold for a request without the key; the Null condition refuses it.
            cases.add(ROLE, policy, "dynamodb:GetItem", table, null, null, Decision.ImplicitlyDenied);
            for (String action : List.of("dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:BatchGetItem")) {
                cases.add(ROLE, policy, action, table, List.of(STATUS), null, Decision.ImplicitlyDenied);
            }
        }
        cases.add(ROLE, policy, "dynamodb:GetItem", PolicyCases.TABLE, List.of(TenantDataLayout.ROUTES_PARTITION), null,
                Decision.ImplicitlyDenied);
        cases.add(ROLE, policy, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:" + PolicyCases.ACCOUNT
                + ":table/OtherTable", List.of(STATUS), null, Decision.ImplicitlyDenied);

        assertThat(cases.evaluate()).isEqualTo(cases.expected());
    }
}
