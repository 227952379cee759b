package dev.shiptrack.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edge's roles read with IAM's own API and the real SDK: each role with its trust and identity policies exactly
 * as the edge hydrated them from deploy/iam; only the account root may read them, never a tenant session.
 */
class IamAuthorizationDetailsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalAwsEdge edge;
    private static AwsClients clients;

    @BeforeAll
    static void startEdge() {
        edge = LocalAwsEdge.builder().withLocalDefaults().start();
        clients = new AwsClients(edge.endpoint());
    }

    @AfterAll
    static void stopEdge() {
        edge.close();
    }

    @Test
    void shouldListEveryProjectRoleWithTheHydratedDocumentsOfDeployIam() throws Exception {
        Map<String, RoleDetail> roles = details(AwsClients.admin()).roleDetailList().stream()
                .collect(Collectors.toMap(RoleDetail::roleName, Function.identity()));
        Map<String, String> values = Map.of("account", edge.account(), "region", edge.region(),
                "table", "TrackingData", "bucket", "tracking-documents", "domain", "tracking",
                "dbClusterResourceId", "cluster-LOCAL");

        assertThat(roles).containsKeys("TrackingServiceRole", "TrackingAccessRole", "ShipmentServiceRole",
                "ShipmentAccessRole", "TenantServiceRole", "TenantProvisioningRole");
        RoleDetail access = roles.get("TrackingAccessRole");
        assertThat(access.arn()).isEqualTo("arn:aws:iam::" + edge.account() + ":role/TrackingAccessRole");
        assertThat(decoded(access.assumeRolePolicyDocument())).isEqualTo(JSON.valueToTree(PolicyHydrator.hydrate(
                PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_ROLE_TRUST), values)));
        assertThat(access.rolePolicyList()).extracting(PolicyDetail::policyName)
                .containsExactly(PolicyDocuments.TRACKING_ACCESS_POLICY);
        assertThat(decoded(access.rolePolicyList().get(0).policyDocument())).isEqualTo(JSON.valueToTree(
                PolicyHydrator.hydrate(PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_POLICY), values)));
        assertThat(roles.get("TenantProvisioningRole").rolePolicyList()).extracting(PolicyDetail::policyName)
                .containsExactly(PolicyDocuments.TENANT_PROVISIONING_POLICY);
    }

    @Test
    void shouldRefuseTheRolesToATenantSession() {
        assertThatThrownBy(() -> details(clients.tenant("yellow")))
                .isInstanceOfSatisfying(IamException.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(403);
                    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void shouldRefuseEveryOtherIamActionAsNotServed() {
        try (IamClient iam = iam(AwsClients.admin())) {
            assertThatThrownBy(() -> iam.createRole(r -> r.roleName("acmeRole").assumeRolePolicyDocument("{}")))
                    .isInstanceOfSatisfying(IamException.class, refused -> {
                        assertThat(refused.statusCode()).isEqualTo(400);
                        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                    });
        }
        assertThat(details(AwsClients.admin()).roleDetailList()).extracting(RoleDetail::roleName)
                .doesNotContain("acmeRole");
    }

    private GetAccountAuthorizationDetailsResponse details(AwsCredentialsProvider credentials) {
        try (IamClient iam = iam(credentials)) {
            return iam.getAccountAuthorizationDetails();
        }
    }

    private IamClient iam(AwsCredentialsProvider credentials) {
        return IamClient.builder().endpointOverride(edge.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static JsonNode decoded(String document) throws Exception {
        return JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
    }
}
