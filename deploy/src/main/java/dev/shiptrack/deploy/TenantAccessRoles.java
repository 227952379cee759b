package dev.shiptrack.deploy;

import dev.shiptrack.iam.PolicyDocuments;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The four roles of seed 001 and the control plane's two, with the policy documents of {@code deploy/iam}: each
 * service runs as a service role that can do nothing but assume its access role with a TenantID session tag; the
 * access role's policy scopes every grant by {@code ${aws:PrincipalTag/TenantID}}. None of them is per tenant:
 * onboarding a tenant changes nothing here.
 */
public final class TenantAccessRoles extends Construct {

    /**
     * The placeholder of the stack's Cognito user pool id; where it is given, TenantServiceRole may manage that
     * pool's users ({@link PolicyDocuments#TENANT_SERVICE_IDENTITY_POLICY}).
     */
    public static final String USER_POOL_PLACEHOLDER = "userPoolId";

    private final Role trackingServiceRole;
    private final Role trackingAccessRole;
    private final Role shipmentServiceRole;
    private final Role shipmentAccessRole;
    private final Role tenantServiceRole;
    private final Role tenantProvisioningRole;

    /**
     * @param placeholders values for the documents' placeholders (plain text or CDK tokens), with
     *                     {@value #USER_POOL_PLACEHOLDER} only where the stack creates a user pool
     */
    public TenantAccessRoles(Construct scope, String id, DeploymentSettings settings, Map<String, String> placeholders) {
        super(scope, id);
        String stage = settings.stage();
        ServicePrincipal runtime = settings.compute() == Compute.LAMBDA
                ? new ServicePrincipal("lambda.amazonaws.com") : new ServicePrincipal("ecs-tasks.amazonaws.com");

        trackingServiceRole = serviceRole("TrackingServiceRole", stage, runtime, false);
        shipmentServiceRole = serviceRole("ShipmentServiceRole", stage, runtime,
                settings.compute() == Compute.LAMBDA);
        trackingAccessRole = accessRole("TrackingAccessRole", stage, trackingServiceRole);
        shipmentAccessRole = accessRole("ShipmentAccessRole", stage, shipmentServiceRole);
        tenantServiceRole = serviceRole("TenantServiceRole", stage, runtime, settings.compute() == Compute.LAMBDA);
        tenantProvisioningRole = accessRole("TenantProvisioningRole", stage, tenantServiceRole);

        PolicyBinder policies = new PolicyBinder(placeholders)
                .bindRole("TrackingServiceRole", trackingServiceRole)
                .bindRole("TrackingAccessRole", trackingAccessRole)
                .bindRole("ShipmentServiceRole", shipmentServiceRole)
                .bindRole("ShipmentAccessRole", shipmentAccessRole)
                .bindRole("TenantServiceRole", tenantServiceRole)
                .bindRole("TenantProvisioningRole", tenantProvisioningRole);

        trust(trackingAccessRole, policies, PolicyDocuments.TRACKING_ACCESS_ROLE_TRUST);
        trust(shipmentAccessRole, policies, PolicyDocuments.SHIPMENT_ACCESS_ROLE_TRUST);
        trust(tenantProvisioningRole, policies, PolicyDocuments.TENANT_PROVISIONING_ROLE_TRUST);

        // Separate policy resources, not inline ones: the service role's policy names the access role, whose
        // trust policy names the service role, and inline policies would make that a dependency cycle.
        Policy.Builder.create(this, "TrackingServiceRolePolicy")
                .policyName("TrackingServiceRolePolicy")
                .document(policies.identityPolicy(PolicyDocuments.TRACKING_SERVICE_ROLE_POLICY))
                .roles(List.of(trackingServiceRole))
                .build();
        Policy.Builder.create(this, "ShipmentServiceRolePolicy")
                .policyName("ShipmentServiceRolePolicy")
                .document(policies.identityPolicy(PolicyDocuments.SHIPMENT_SERVICE_ROLE_POLICY))
                .roles(List.of(shipmentServiceRole))
                .build();
        Policy.Builder.create(this, "TenantServiceRolePolicy")
                .policyName("TenantServiceRolePolicy")
                .document(policies.identityPolicy(PolicyDocuments.TENANT_SERVICE_ROLE_POLICY))
                .roles(List.of(tenantServiceRole))
                .build();
        if (placeholders.containsKey(USER_POOL_PLACEHOLDER)) {
            Policy.Builder.create(this, "TenantServiceIdentityPolicy")
                    .policyName("TenantServiceIdentityPolicy")
                    .document(policies.identityPolicy(PolicyDocuments.TENANT_SERVICE_IDENTITY_POLICY))
                    .roles(List.of(tenantServiceRole))
                    .build();
        }
        ManagedPolicy.Builder.create(this, "TrackingAccessPolicy")
                .managedPolicyName("TrackingAccessPolicy-" + stage)
                .document(policies.identityPolicy(PolicyDocuments.TRACKING_ACCESS_POLICY))
                .roles(List.of(trackingAccessRole))
                .build();
        ManagedPolicy.Builder.create(this, "ShipmentAccessPolicy")
                .managedPolicyName("ShipmentAccessPolicy-" + stage)
                .document(policies.identityPolicy(PolicyDocuments.SHIPMENT_ACCESS_POLICY))
                .roles(List.of(shipmentAccessRole))
                .build();
        ManagedPolicy.Builder.create(this, "TenantProvisioningPolicy")
                .managedPolicyName("TenantProvisioningPolicy-" + stage)
                .document(policies.identityPolicy(PolicyDocuments.TENANT_PROVISIONING_POLICY))
                .roles(List.of(tenantProvisioningRole))
                .build();
    }

    private Role serviceRole(String name, String stage, ServicePrincipal runtime, boolean lambdaInVpc) {
        List<IManagedPolicy> managed = switch (runtime.getService()) {
            // Logs only (and network interfaces for a function in the VPC); no data access.
            case "lambda.amazonaws.com" -> List.of(ManagedPolicy.fromAwsManagedPolicyName(lambdaInVpc
                    ? "service-role/AWSLambdaVPCAccessExecutionRole" : "service-role/AWSLambdaBasicExecutionRole"));
            default -> List.of();
        };
        return Role.Builder.create(this, name)
                .roleName(name + "-" + stage)
                .assumedBy(runtime)
                .managedPolicies(managed)
                .description("Runs the service; may only assume its access role with a TenantID session tag")
                .build();
    }

    private Role accessRole(String name, String stage, Role serviceRole) {
        return Role.Builder.create(this, name)
                .roleName(name + "-" + stage)
                // Replaced below by the trust policy document; CDK requires a principal to build the role.
                .assumedBy(new ArnPrincipal(serviceRole.getRoleArn()))
                .maxSessionDuration(Duration.hours(1))
                .description("Tenant-scoped data access; every grant depends on the TenantID session tag")
                .build();
    }

    private static void trust(Role role, PolicyBinder policies, String document) {
        ((CfnRole) role.getNode().getDefaultChild()).setAssumeRolePolicyDocument(policies.trustPolicy(document));
    }

    public Role trackingServiceRole() {
        return trackingServiceRole;
    }

    public Role trackingAccessRole() {
        return trackingAccessRole;
    }

    public Role shipmentServiceRole() {
        return shipmentServiceRole;
    }

    public Role shipmentAccessRole() {
        return shipmentAccessRole;
    }

    public Role tenantServiceRole() {
        return tenantServiceRole;
    }

    public Role tenantProvisioningRole() {
        return tenantProvisioningRole;
    }
}
