package dev.shiptrack.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalServerTest {

    private static final String TABLE = "TrackingData";

    @Test
    void shouldStoreAndReadAnItemAndLeaveNoProcessBehind() {
        ProcessTree tree;
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(null, 0);
                DynamoDbClient client = client(server, "tenantAkey")) {
            tree = ProcessTree.of(server.process());
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            createTable(client);
            client.putItem(b -> b.tableName(TABLE).item(Map.of(
                    "pk", AttributeValue.fromS("yellow#s1"), "sk", AttributeValue.fromS("2026-01-01T00:00:00Z#1"),
                    "status", AttributeValue.fromS("DELIVERED"))));

            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(TABLE).key(Map.of(
                    "pk", AttributeValue.fromS("yellow#s1"),
                    "sk", AttributeValue.fromS("2026-01-01T00:00:00Z#1")))).item();

            assertThat(item.get("status").s()).isEqualTo("DELIVERED");
            assertThat(NonLoopback.canConnect(server.endpoint().getPort())).as("reachable from another interface")
                    .isFalse();
            tree.assertRunning();
            server.close();
            server.close();
        }
        tree.assertAllStopped();
    }

    @Test
    void shouldShareOneDatabaseAcrossAccessKeysAndKeepItInTheDataDirAcrossRestarts(@TempDir Path dataDir) {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(dataDir, 0);
                DynamoDbClient client = client(server, "firstKey")) {
            createTable(client);
        }
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(dataDir, 0);
                DynamoDbClient client = client(server, "anotherKey")) {
            assertThat(client.listTables().tableNames()).containsExactly(TABLE);
        }
    }

    @Test
    void shouldFailFastNamingThePortWhenItIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> DynamoDbLocalServer.start(null, port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port);
        }
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    }

    /** DynamoDB Local 2.x refuses access key ids with characters other than letters and digits. */
    private static DynamoDbClient client(LocalServer server, String accessKey) {
        return DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
