package dev.shiptrack.localaws;

import dev.shiptrack.localaws.config.EdgeLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class LocalAwsApplicationTest {

    @Inject
    EdgeLifecycle lifecycle;

    @Test
    void shouldServeStsWithTheLocalServiceKeysWhenRunAsAnApplication() {
        AwsClients clients = new AwsClients(lifecycle.edge().endpoint());
        try (StsClient sts = clients.sts(AwsClients.trackingService())) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:role/TrackingServiceRole");
        }
    }

    @Test
    void shouldAnswerServiceUnavailableForABackendThatIsSwitchedOff() {
        AwsClients clients = new AwsClients(lifecycle.edge().endpoint());
        try (DynamoDbClient dynamoDb = clients.dynamoDb(AwsClients.admin())) {
            assertThatThrownBy(dynamoDb::listTables).isInstanceOfSatisfying(DynamoDbException.class, e ->
                    assertThat(e.statusCode()).isEqualTo(503));
        }
    }
}
