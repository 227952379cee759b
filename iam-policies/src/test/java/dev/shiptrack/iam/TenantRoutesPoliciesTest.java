package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiptrack.iam.IamSimulator.Decision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes registry ({@link TenantDataLayout#ROUTES_PARTITION}) with the independent evaluator: the request
 * services Query it with their own identity and nothing else of the table, tenant-service maintains it and reaches no
 * tenant partition with its own identity, and no tenant session of any access role reaches it.
 */
class TenantRoutesPoliciesTest {

    private static final String TABLE = PolicyCases.TABLE;
    private static final String ROUTES = TenantDataLayout.ROUTES_PARTITION;
    private static final String TENANT_PARTITION = "yellow#x";
    private static final List<String> ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    private final PolicyCases cases = new PolicyCases();

    @Test
    void shouldLetTheRequestServicesOnlyQueryTheRoutesPartition() {
        for (Map.Entry<String, String> role : Map.of("TrackingServiceRole", PolicyDocuments.TRACKING_SERVICE_ROLE_POLICY,
                "ShipmentServiceRole", PolicyDocuments.SHIPMENT_SERVICE_ROLE_POLICY).entrySet()) {
            JsonNode policy = PolicyCases.hydrated(role.getValue());
            String name = role.getKey();
            cases.add(name, policy, "dynamodb:Query", TABLE, List.of(ROUTES), null, Decision.Allowed);
            cases.add(name, policy, "dynamodb:Query", TABLE, List.of(TENANT_PARTITION), null, Decision.ImplicitlyDenied);
            cases.add(name, policy, "dynamodb:Query", TABLE, List.of(ROUTES, TENANT_PARTITION), null,
                    Decision.ImplicitlyDenied);
            // ForAllValues alone would hold for a request without the key; the Null condition refuses it.
            cases.add(name, policy, "dynamodb:Query", TABLE, null, null, Decision.ImplicitlyDenied);
            cases.add(name, policy, "dynamodb:Query", TABLE + "/index/" + TenantDataLayout.TENANT_ITEMS_INDEX,
                    List.of(ROUTES), null, Decision.ImplicitlyDenied);
            cases.add(name, policy, "dynamodb:Query", TABLE + "2", List.of(ROUTES), null, Decision.ImplicitlyDenied);
            for (String action : ITEM_ACTIONS) {
                cases.add(name, policy, action, TABLE, List.of(ROUTES), null, Decision.ImplicitlyDenied);
            }
            cases.add(name, policy, "dynamodb:Scan", TABLE, null, null, Decision.ImplicitlyDenied);
        }

        assertThat(cases.evaluate()).isEqualTo(cases.expected());
    }

    @Test
    void shouldLetTenantServiceMaintainTheRoutesAndNoTenantPartition() {
        JsonNode policy = PolicyCases.hydrated(PolicyDocuments.TENANT_SERVICE_ROLE_POLICY);
        for (String action : List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem")) {
            cases.add("TenantServiceRole", policy, action, TABLE, List.of(ROUTES), null, Decision.Allowed);
            cases.add("TenantServiceRole", policy, action, TABLE, List.of(TENANT_PARTITION), null, Decision.ImplicitlyDenied);
            cases.add("TenantServiceRole", policy, action, TABLE, List.of("yellow#_tenant"), null,
                    Decision.ImplicitlyDenied);
            cases.add("TenantServiceRole", policy, action, TABLE, List.of(ROUTES, TENANT_PARTITION), null,
                    Decision.ImplicitlyDenied);
            cases.add("TenantServiceRole", policy, action, TABLE, null, null, Decision.ImplicitlyDenied);
        }
        for (String action : List.of("dynamodb:BatchWriteItem", "dynamodb:BatchGetItem")) {
            cases.add("TenantServiceRole", policy, action, TABLE, List.of(ROUTES), null, Decision.ImplicitlyDenied);
        }
        cases.add("TenantServiceRole", policy, "dynamodb:Scan", TABLE, null, null, Decision.ImplicitlyDenied);

        assertThat(cases.evaluate()).isEqualTo(cases.expected());
    }

    /** A tenant's session never reads the registry: it would learn other tenants' hostnames and tiers. */
    @Test
    void shouldKeepEveryTenantSessionOutOfTheRoutesPartition() {
        for (Map.Entry<String, String> role : Map.of("TrackingAccessRole", PolicyDocuments.TRACKING_ACCESS_POLICY,
                "ShipmentAccessRole", PolicyDocuments.SHIPMENT_ACCESS_POLICY,
                "TenantProvisioningRole", PolicyDocuments.TENANT_PROVISIONING_POLICY).entrySet()) {
            JsonNode policy = PolicyCases.hydrated(role.getValue());
            for (String action : List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem",
                    "dynamodb:DeleteItem")) {
                cases.add(role.getKey(), policy, action, TABLE, List.of(ROUTES), "yellow", Decision.ImplicitlyDenied);
                cases.add(role.getKey(), policy, action, TABLE, List.of(ROUTES, "yellow#s-1"), "yellow",
                        Decision.ImplicitlyDenied);
            }
            cases.add(role.getKey(), policy, "dynamodb:Query", TABLE + "/index/" + TenantDataLayout.TENANT_ITEMS_INDEX,
                    List.of(ROUTES), "yellow", Decision.ImplicitlyDenied);
        }
        // The check has teeth: the same session reaches its own partition.
        cases.add("TrackingAccessRole", PolicyCases.hydrated(PolicyDocuments.TRACKING_ACCESS_POLICY), "dynamodb:Query",
                TABLE, List.of("yellow#s-1"), "yellow", Decision.Allowed);

        assertThat(cases.evaluate()).isEqualTo(cases.expected());
    }
}
