package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiptrack.iam.IamSimulator.Decision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes registry ({@link TenantDataLayout#ROUTES_PARTITION}) with the independent evaluator: the request
 * services Query it with their own identity and nothing else of the table, tenant-service maintains it and reaches no
 * tenant partition with its own identity, and no tenant session of any access role reaches it.
 */
class TenantRoutesPoliciesTest {

    private static final String ACCOUNT = "123456789012";
    private static final Map<String, String> DEPLOYMENT = Map.of("region", "us-east-1", "account", ACCOUNT,
            "table", "TrackingData", "bucket", "tracking-documents", "domain", "tracking",
            "dbClusterResourceId", "cluster-ABC");
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/TrackingData";
    private static final String ROUTES = TenantDataLayout.ROUTES_PARTITION;
    private static final String TENANT_PARTITION = "yellow#x";
    private static final List<String> ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    private final List<IamSimulator.Case> cases = new ArrayList<>();
    private final Map<String, Decision> expected = new HashMap<>();

    @Test
    void shouldLetTheRequestServicesOnlyQueryTheRoutesPartition() {
        for (Map.Entry<String, String> role : Map.of("TrackingServiceRole", PolicyDocuments.TRACKING_SERVICE_ROLE_POLICY,
                "ShipmentServiceRole", PolicyDocuments.SHIPMENT_SERVICE_ROLE_POLICY).entrySet()) {
            JsonNode policy = hydrated(role.getValue());
            String name = role.getKey();
            add(name, policy, "dynamodb:Query", TABLE, List.of(ROUTES), null, Decision.Allowed);
            add(name, policy, "dynamodb:Query", TABLE, List.of(TENANT_PARTITION), null, Decision.ImplicitlyDenied);
            add(name, policy, "dynamodb:Query", TABLE, List.of(ROUTES, TENANT_PARTITION), null,
                    Decision.ImplicitlyDenied);
            // ForAllValues alone would hold for a request without the key; the Null condition refuses it.
            add(name, policy, "dynamodb:Query", TABLE, null, null, Decision.ImplicitlyDenied);
            add(name, policy, "dynamodb:Query", TABLE + "/index/" + TenantDataLayout.TENANT_ITEMS_INDEX,
                    List.of(ROUTES), null, Decision.ImplicitlyDenied);
            add(name, policy, "dynamodb:Query", TABLE + "2", List.of(ROUTES), null, Decision.ImplicitlyDenied);
            for (String action : ITEM_ACTIONS) {
                add(name, policy, action, TABLE, List.of(ROUTES), null, Decision.ImplicitlyDenied);
            }
            add(name, policy, "dynamodb:Scan", TABLE, null, null, Decision.ImplicitlyDenied);
        }

        assertThat(evaluate()).isEqualTo(expected);
    }

    @Test
    void shouldLetTenantServiceMaintainTheRoutesAndNoTenantPartition() {
        JsonNode policy = hydrated(PolicyDocuments.TENANT_SERVICE_ROLE_POLICY);
        for (String action : List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem")) {
            add("TenantServiceRole", policy, action, TABLE, List.of(ROUTES), null, Decision.Allowed);
            add("TenantServiceRole", policy, action, TABLE, List.of(TENANT_PARTITION), null, Decision.ImplicitlyDenied);
            add("TenantServiceRole", policy, action, TABLE, List.of("yellow#_tenant"), null,
                    Decision.ImplicitlyDenied);
            add("TenantServiceRole", policy, action, TABLE, List.of(ROUTES, TENANT_PARTITION), null,
                    Decision.ImplicitlyDenied);
            add("TenantServiceRole", policy, action, TABLE, null, null, Decision.ImplicitlyDenied);
        }
        for (String action : List.of("dynamodb:BatchWriteItem", "dynamodb:BatchGetItem")) {
            add("TenantServiceRole", policy, action, TABLE, List.of(ROUTES), null, Decision.ImplicitlyDenied);
        }
        add("TenantServiceRole", policy, "dynamodb:Scan", TABLE, null, null, Decision.ImplicitlyDenied);

        assertThat(evaluate()).isEqualTo(expected);
    }

    /** A tenant's session never reads the registry: it would learn other tenants' hostnames and tiers. */
    @Test
    void shouldKeepEveryTenantSessionOutOfTheRoutesPartition() {
        for (Map.Entry<String, String> role : Map.of("TrackingAccessRole", PolicyDocuments.TRACKING_ACCESS_POLICY,
                "ShipmentAccessRole", PolicyDocuments.SHIPMENT_ACCESS_POLICY,
                "TenantProvisioningRole", PolicyDocuments.TENANT_PROVISIONING_POLICY).entrySet()) {
            JsonNode policy = hydrated(role.getValue());
            for (String action : List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem",
                    "dynamodb:DeleteItem")) {
                add(role.getKey(), policy, action, TABLE, List.of(ROUTES), "yellow", Decision.ImplicitlyDenied);
                add(role.getKey(), policy, action, TABLE, List.of(ROUTES, "yellow#s-1"), "yellow",
                        Decision.ImplicitlyDenied);
            }
            add(role.getKey(), policy, "dynamodb:Query", TABLE + "/index/" + TenantDataLayout.TENANT_ITEMS_INDEX,
                    List.of(ROUTES), "yellow", Decision.ImplicitlyDenied);
        }
        // The check has teeth: the same session reaches its own partition.
        add("TrackingAccessRole", hydrated(PolicyDocuments.TRACKING_ACCESS_POLICY), "dynamodb:Query", TABLE,
                List.of("yellow#s-1"), "yellow", Decision.Allowed);

        assertThat(evaluate()).isEqualTo(expected);
    }

    private static JsonNode hydrated(String document) {
        return PolicyHydrator.hydrate(PolicyDocuments.load(document), DEPLOYMENT);
    }

    /**
     * @param leadingKeys {@code dynamodb:LeadingKeys}, null when the request carries none
     * @param tenant      the session's TenantID tag, null for the service's own (untagged) identity
     */
    private void add(String role, JsonNode policy, String action, String resource, List<String> leadingKeys,
                     String tenant, Decision decision) {
        Map<String, Object> context = new HashMap<>();
        if (leadingKeys != null) {
            context.put("dynamodb:LeadingKeys", leadingKeys);
        }
        if (tenant != null) {
            context.put("aws:PrincipalTag/TenantID", tenant);
            context.put("aws:PrincipalTag/StorageModel", "pool");
        }
        String id = role + " " + action + " " + resource + " " + context;
        String principal = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + (tenant == null ? "i-0abc" : tenant);
        cases.add(new IamSimulator.Case(id, principal, action, resource, ACCOUNT, context, List.of(policy), null));
        expected.put(id, decision);
    }

    private Map<String, Decision> evaluate() {
        return IamSimulator.installed().evaluate(cases);
    }
}
