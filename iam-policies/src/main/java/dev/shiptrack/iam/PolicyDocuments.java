package dev.shiptrack.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM policy documents of this project. They live as JSON files under {@code deploy/iam} and are packaged
 * under {@code iam/} on the classpath, so the infrastructure code, the services, the local AWS edge and the
 * tests all read the same documents.
 */
public final class PolicyDocuments {

    /**
     * Identity policy of TrackingServiceRole: may assume TrackingAccessRole (and tag the session), and send the three
     * readiness probes that read no tenant's data (DescribeTable, {@code HEAD /} of the domain, the object
     * {@code _readiness}, which no tenant prefix can name).
     */
    public static final String TRACKING_SERVICE_ROLE_POLICY = "tracking-service-role-policy.json";
    /** Trust policy of TrackingAccessRole (seed 001): AssumeRole, and TagSession only with a TenantID tag. */
    public static final String TRACKING_ACCESS_ROLE_TRUST = "tracking-access-role-trust.json";
    /** Identity policy of TrackingAccessRole: every grant is scoped by {@code aws:PrincipalTag/TenantID}. */
    public static final String TRACKING_ACCESS_POLICY = "tracking-access-policy.json";
    /** Identity policy of ShipmentServiceRole: RDS IAM auth as the pooled user, assume ShipmentAccessRole. */
    public static final String SHIPMENT_SERVICE_ROLE_POLICY = "shipment-service-role-policy.json";
    /** Trust policy of ShipmentAccessRole: like TrackingAccessRole's, for ShipmentServiceRole. */
    public static final String SHIPMENT_ACCESS_ROLE_TRUST = "shipment-access-role-trust.json";
    /** Identity policy of ShipmentAccessRole: {@code rds-db:connect} only as the tenant's own database user. */
    public static final String SHIPMENT_ACCESS_POLICY = "shipment-access-policy.json";
    /** Identity policy of TenantServiceRole (the control plane): assume TenantProvisioningRole, RDS IAM auth as tenant_provisioner. */
    public static final String TENANT_SERVICE_ROLE_POLICY = "tenant-service-role-policy.json";
    /**
     * Second identity policy of TenantServiceRole, attached only where the stack owns a Cognito user pool: create the
     * tenant's first user and, at offboarding, find and delete its users. Not per tenant: Cognito cannot scope a grant
     * by a user's attribute, so tenant-service itself keeps to the tenant it works on (custom:tenant_id).
     */
    public static final String TENANT_SERVICE_IDENTITY_POLICY = "tenant-service-identity-policy.json";
    /** Trust policy of TenantProvisioningRole: AssumeRole, and TagSession only with a TenantID tag, by TenantServiceRole. */
    public static final String TENANT_PROVISIONING_ROLE_TRUST = "tenant-provisioning-role-trust.json";
    /**
     * Identity policy of TenantProvisioningRole: create and delete the tenant's index, find and delete the tenant's
     * items and objects; every grant is scoped by {@code aws:PrincipalTag/TenantID}, like TrackingAccessPolicy.
     */
    public static final String TENANT_PROVISIONING_POLICY = "tenant-provisioning-policy.json";
    /**
     * Identity policy of the isolation watchdog's function on AWS: read tenants' status items ({@code <tenant>#_tenant})
     * in the pooled table and the silo tables, and no other item.
     */
    public static final String ISOLATION_WATCHDOG_ROLE_POLICY = "isolation-watchdog-role-policy.json";
    /** Trust policy of a per-tenant role (seed 000, the RBAC strategy). */
    public static final String TENANT_ROLE_TRUST = "role-per-tenant/tenant-role-trust.json";
    /** Identity policy template of a per-tenant role; {@code {{tenant}}} is fixed when the role is created. */
    public static final String TENANT_ROLE_POLICY = "role-per-tenant/tenant-role-policy.json";
    /**
     * Extra identity policy of TrackingServiceRole for the role-per-tenant strategy only: may assume the per-tenant
     * roles {@code assumeRole-<tenant>} (whose trust policies name TrackingServiceRole), and no session tags.
     */
    public static final String TRACKING_SERVICE_TENANT_ROLES_POLICY = "role-per-tenant/tracking-service-assume-tenant-roles.json";

    private static final String ROOT = "iam/";
    private static final String TEMPLATES = "permission-templates/";
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** Reads one of the documents named by the constants of this class. */
    public static ObjectNode load(String name) {
        String resource = ROOT + name;
        try (InputStream in = PolicyDocuments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No policy document on the classpath at " + resource);
            }
            JsonNode document = JSON.readTree(in);
            if (!(document instanceof ObjectNode object)) {
                throw new IllegalArgumentException("Policy document " + resource + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read policy document " + resource, e);
        }
    }

    /**
     * Reads a permission template (seed 003) by name, e.g. {@code dynamodb-leading-key} for
     * {@code deploy/iam/permission-templates/dynamodb-leading-key.json}.
     */
    public static ObjectNode permissionTemplate(String name) {
        if (name == null || !TEMPLATE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Permission template names are lowercase words joined by '-': " + name);
        }
        return load(TEMPLATES + name + ".json");
    }

    /**
     * Combines the statements of several policies into one document. Statement ids must stay unique, so that an
     * audit line that names the deciding statement is unambiguous.
     */
    public static ObjectNode merge(List<ObjectNode> policies) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("Version", "2012-10-17");
        ArrayNode statements = merged.putArray("Statement");
        Set<String> sids = new HashSet<>();
        for (ObjectNode policy : policies) {
            for (JsonNode statement : statementsOf(policy)) {
                JsonNode sid = statement.get("Sid");
                if (sid != null && !sids.add(sid.asText())) {
                    throw new IllegalArgumentException("Two statements share the Sid " + sid.asText());
                }
                statements.add(statement.deepCopy());
            }
        }
        return merged;
    }

    /** The statements of a policy, whether {@code Statement} holds one object or an array. */
    public static List<JsonNode> statementsOf(JsonNode policy) {
        JsonNode statement = policy.get("Statement");
        if (statement == null || statement.isNull()) {
            return List.of();
        }
        if (statement.isArray()) {
            List<JsonNode> statements = new ArrayList<>();
            statement.elements().forEachRemaining(statements::add);
            return statements;
        }
        return List.of(statement);
    }

    /** The document as compact JSON, the form that is sent to STS and measured against its size limit. */
    public static String compact(JsonNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
