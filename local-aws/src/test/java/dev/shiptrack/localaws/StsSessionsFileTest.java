package dev.shiptrack.localaws;

import dev.shiptrack.iam.StorageModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS never forgets a session it issued; an edge restarted on its sessions file does not either (the local run
 * restarts a killed edge), and one without it does, so the file is what carries them.
 */
class StsSessionsFileTest {

    private static final String SESSION_ARN = "arn:aws:sts::123456789012:assumed-role/TrackingAccessRole/s-yellow";

    @Test
    void shouldHonourTheSessionsAnEarlierEdgeIssuedOnTheSameFile(@TempDir Path data) {
        Path sessions = data.resolve("sessions.jsonl");
        Credentials issued;
        int port;
        try (LocalAwsEdge first = LocalAwsEdge.builder().withLocalDefaults().sessionsFile(sessions).start()) {
            port = first.port();
            issued = assumeTrackingAccess(new AwsClients(first.endpoint()), "yellow");
        }

        try (LocalAwsEdge restarted = LocalAwsEdge.builder().withLocalDefaults().port(port).sessionsFile(sessions)
                .start();
             StsClient session = new AwsClients(restarted.endpoint()).sts(AwsClients.session(issued))) {
            assertThat(session.getCallerIdentity().arn()).isEqualTo(SESSION_ARN);
        }
        try (LocalAwsEdge forgetful = LocalAwsEdge.builder().withLocalDefaults().port(port).start();
             StsClient session = new AwsClients(forgetful.endpoint()).sts(AwsClients.session(issued))) {
            assertThatThrownBy(session::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    refused -> assertThat(refused.statusCode()).isEqualTo(403));
        }
    }

    private static Credentials assumeTrackingAccess(AwsClients clients, String tenant) {
        try (StsClient tracking = clients.sts(AwsClients.trackingService())) {
            return tracking.assumeRole(AssumeRoleRequest.builder().roleArn(AwsClients.TRACKING_ACCESS_ROLE)
                    .roleSessionName("s-" + tenant).durationSeconds(900)
                    .tags(AwsClients.tenantTags(tenant, StorageModel.POOL)).build()).credentials();
        }
    }
}
