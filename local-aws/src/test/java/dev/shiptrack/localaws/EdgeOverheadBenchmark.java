package dev.shiptrack.localaws;

import dev.shiptrack.backends.DynamoDbLocalServer;
import dev.shiptrack.backends.FreePorts;
import dev.shiptrack.backends.S3ProxyServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Authorization overhead of the edge: the same SDK calls sent straight to the backend and through the edge
 * (SigV4 verification, IAM evaluation, audit, forwarding), interleaved in one run. Prints numbers, asserts none.
 * <p>
 * Run: {@code ./mvnw -B -pl local-aws -am verify -Dtest=EdgeOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dexcluded.test.groups=none}
 */
@Tag("benchmark")
class EdgeOverheadBenchmark {

    private static final int WARMUP = 1_000;
    private static final int MEASURED = 5_000;
    private static final String TABLE = "TrackingData";
    private static final String BUCKET = "tracking-documents";
    private static final String S3PROXY_KEY = "local-s3proxy";
    private static final String S3PROXY_SECRET = "local-s3proxy-secret";

    @TempDir
    Path s3Data;

    @Test
    void measureAuthorizationOverheadPerRequest() {
        try (DynamoDbLocalServer dynamoDbLocal = DynamoDbLocalServer.start(null, FreePorts.next());
             S3ProxyServer s3proxy = S3ProxyServer.start(s3Data, FreePorts.next(), S3PROXY_KEY, S3PROXY_SECRET);
             LocalAwsEdge edge = LocalAwsEdge.builder().withLocalDefaults().dynamoDb(dynamoDbLocal.endpoint())
                     .s3(s3proxy.endpoint(), S3PROXY_KEY, S3PROXY_SECRET).start()) {
            AwsClients viaEdge = new AwsClients(edge.endpoint());
            try (DynamoDbClient admin = viaEdge.dynamoDb(AwsClients.admin());
                 S3Client s3Admin = viaEdge.s3(AwsClients.admin());
                 DynamoDbClient dynamoDbDirect = new AwsClients(dynamoDbLocal.endpoint())
                         .dynamoDb(AwsClients.longTerm("direct", "direct"));
                 S3Client s3Direct = new AwsClients(s3proxy.endpoint())
                         .s3(AwsClients.longTerm(S3PROXY_KEY, S3PROXY_SECRET))) {
                admin.createTable(table -> table.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                                d -> d.attributeName("sk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE)));
                Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("yellow#s1"),
                        "sk", AttributeValue.fromS("2024-01-01T00:00:00Z#1"));
                admin.putItem(put -> put.tableName(TABLE).item(key));
                s3Admin.createBucket(create -> create.bucket(BUCKET));
                s3Admin.putObject(put -> put.bucket(BUCKET).key("yellow/s1/label.pdf"),
                        RequestBody.fromString("label"));

                try (DynamoDbClient dynamoDbEdge = viaEdge.dynamoDb(viaEdge.tenant("yellow"));
                     S3Client s3Edge = viaEdge.s3(viaEdge.tenant("yellow"))) {
                    compare("DynamoDB GetItem",
                            () -> dynamoDbDirect.getItem(get -> get.tableName(TABLE).key(key)),
                            () -> dynamoDbEdge.getItem(get -> get.tableName(TABLE).key(key)));
                    compare("DynamoDB Query",
                            () -> dynamoDbDirect.query(query -> query.tableName(TABLE).keyConditionExpression(
                                    "pk = :pk").expressionAttributeValues(Map.of(":pk", key.get("pk")))),
                            () -> dynamoDbEdge.query(query -> query.tableName(TABLE).keyConditionExpression(
                                    "pk = :pk").expressionAttributeValues(Map.of(":pk", key.get("pk")))));
                    compare("S3 GetObject",
                            () -> s3Direct.getObjectAsBytes(get -> get.bucket(BUCKET).key("yellow/s1/label.pdf")),
                            () -> s3Edge.getObjectAsBytes(get -> get.bucket(BUCKET).key("yellow/s1/label.pdf")));
                }
            }
            System.out.printf("audit trail decisions retained: %d%n", edge.auditTrail().decisions().size());
        }
    }

    /** Alternates direct and edge calls so that both see the same machine load. */
    private static void compare(String name, Runnable direct, Runnable viaEdge) {
        for (int i = 0; i < WARMUP; i++) {
            direct.run();
            viaEdge.run();
        }
        long[] directNanos = new long[MEASURED];
        long[] edgeNanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            directNanos[i] = time(direct);
            edgeNanos[i] = time(viaEdge);
        }
        Arrays.sort(directNanos);
        Arrays.sort(edgeNanos);
        System.out.printf("%-18s n=%d  direct median %6.3f ms p99 %6.3f ms | via edge median %6.3f ms p99 %6.3f ms"
                        + " | edge adds median %6.3f ms p99 %6.3f ms%n", name, MEASURED,
                millis(percentile(directNanos, 50)), millis(percentile(directNanos, 99)),
                millis(percentile(edgeNanos, 50)), millis(percentile(edgeNanos, 99)),
                millis(percentile(edgeNanos, 50) - percentile(directNanos, 50)),
                millis(percentile(edgeNanos, 99) - percentile(directNanos, 99)));
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static long percentile(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
