package dev.shiptrack.localaws;

import dev.shiptrack.iam.StorageModel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsAssumeRoleTest {

    private static final MutableClock CLOCK = new MutableClock();
    private static LocalAwsEdge edge;
    private static AwsClients clients;

    @BeforeAll
    static void startEdge() {
        edge = LocalAwsEdge.builder().withLocalDefaults().clock(CLOCK).start();
        clients = new AwsClients(edge.endpoint());
    }

    @AfterAll
    static void stopEdge() {
        edge.close();
    }

    private static AssumeRoleRequest.Builder trackingAccess(String tenant) {
        return AssumeRoleRequest.builder().roleArn(AwsClients.TRACKING_ACCESS_ROLE).roleSessionName("s-" + tenant)
                .durationSeconds(900).tags(AwsClients.tenantTags(tenant, StorageModel.POOL));
    }

    @Test
    void shouldVendTenantTaggedCredentialsThatIdentifyAsTheAssumedRole() {
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            AssumeRoleResponse assumed = tracking.assumeRole(trackingAccess("yellow").build());

            assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(assumed.credentials().expiration()).isAfter(Instant.now().plusSeconds(800));
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/s-yellow");
            try (StsClient session = clients.sts(AwsClients.session(assumed.credentials()))) {
                GetCallerIdentityResponse identity = session.getCallerIdentity();
                assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());
                assertThat(identity.account()).isEqualTo("123456789012");
            }
        }
        assertThat(edge.auditTrail().decisions(record -> record.session() == null
                && record.action().equals("sts:TagSession") && record.allowed())).isNotEmpty();
    }

    @Test
    void shouldRefuseAssumeRoleByAPrincipalTheTrustPolicyDoesNotName() {
        try (StsClient shipment = clients.sts(AwsClients.longTerm(LocalAwsEdge.SHIPMENT_SERVICE_ACCESS_KEY,
                LocalAwsEdge.SHIPMENT_SERVICE_SECRET_KEY))) {
            assertThatThrownBy(() -> shipment.assumeRole(trackingAccess("yellow").build()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
    }

    @Test
    void shouldRefuseASessionTagTheTrustPolicyDoesNotAllow() {
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assertThatThrownBy(() -> tracking.assumeRole(AssumeRoleRequest.builder()
                    .roleArn(AwsClients.TRACKING_ACCESS_ROLE).roleSessionName("no-tenant")
                    .tags(Tag.builder().key("Department").value("ops").build()).build()))
                    .isInstanceOfSatisfying(StsException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertThat(edge.auditTrail().last()).hasValueSatisfying(record -> {
            assertThat(record.action()).isEqualTo("sts:TagSession");
            assertThat(record.decision()).isEqualTo("IMPLICITLY_DENIED");
        });
    }

    @Test
    void shouldRefuseASessionPolicyLargerThanStsAccepts() {
        String statement = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
                + "\"arn:aws:s3:::tracking-documents/yellow/some-long-prefix-to-fill-the-policy/*\"}";
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",",
                java.util.Collections.nCopies(25, statement)) + "]}";
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assertThatThrownBy(() -> tracking.assumeRole(trackingAccess("yellow").policy(policy).build()))
                    .isInstanceOfSatisfying(StsException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PackedPolicyTooLarge"));
        }
    }

    @Test
    void shouldRefuseAnUnknownAccessKey() {
        try (StsClient stranger = clients.sts(AwsClients.longTerm("AKIAUNKNOWN000000000", "whatever"))) {
            assertThatThrownBy(stranger::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void shouldRefuseASignatureMadeWithTheWrongSecret() {
        try (StsClient forger = clients.sts(AwsClients.longTerm(LocalAwsEdge.TRACKING_SERVICE_ACCESS_KEY,
                "not-the-secret"))) {
            assertThatThrownBy(forger::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
    }

    @Test
    void shouldRefuseExpiredCredentials() {
        AssumeRoleResponse assumed;
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            assumed = tracking.assumeRole(trackingAccess("yellow").build());
        }
        CLOCK.advance(Duration.ofSeconds(901));
        try (StsClient session = clients.sts(AwsClients.session(assumed.credentials()))) {
            assertThatThrownBy(session::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
        } finally {
            CLOCK.advance(Duration.ofSeconds(-901));
        }
    }
}
