package dev.shiptrack.localaws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.localaws.http.AuthorizedForwarding;
import dev.shiptrack.localaws.http.BackendForwarder;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.RefusedRequestException;
import dev.shiptrack.localaws.http.ServiceHandler;
import dev.shiptrack.localaws.http.WireFormat;
import dev.shiptrack.localaws.iam.Authorizer;
import dev.shiptrack.localaws.iam.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DynamoDB's JSON protocol: derives the action, table or index ARN and {@code dynamodb:LeadingKeys} of a request,
 * authorizes it and forwards it to DynamoDB Local.
 */
public final class DynamoDbHandler implements ServiceHandler {

    /**
     * DynamoDB Local ignores signatures but names its database after the access key unless it runs shared; the edge
     * therefore always forwards as this one fixed identity.
     */
    static final String BACKEND_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=localedge/20240101/us-east-1/"
            + "dynamodb/aws4_request, SignedHeaders=host, Signature=0";
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final Set<String> SCHEMA_CHANGES = Set.of("CreateTable", "UpdateTable", "DeleteTable");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbWireFormat wireFormat = new DynamoDbWireFormat();
    private final AuthorizedForwarding forwarding;
    private final Optional<KeySchemas> keySchemas;
    private final String tableArnPrefix;

    public DynamoDbHandler(Authorizer authorizer, Optional<BackendForwarder> backend, String region, String account) {
        this.forwarding = new AuthorizedForwarding("DynamoDB", authorizer, backend, wireFormat);
        this.keySchemas = backend.map(KeySchemas::new);
        this.tableArnPrefix = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
    }

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public void handle(HttpServerRequest request, Principal caller, Buffer payload) {
        HttpServerResponse response = request.response();
        if (forwarding.refusedWithoutBackend(response)) {
            return;
        }
        String target = request.getHeader("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            wireFormat.refuse(response, Refusal.NOT_IMPLEMENTED, "Unknown X-Amz-Target " + target);
            return;
        }
        String operation = target.substring(TARGET_PREFIX.length());
        JsonNode body;
        try {
            body = JSON.readTree(payload.getBytes());
        } catch (IOException e) {
            wireFormat.error(response, 400, "com.amazon.coral.service#SerializationException",
                    "The request body is not JSON");
            return;
        }
        Set<String> tables;
        try {
            tables = DynamoDbAccessChecks.tablesNeedingKeys(operation, body);
        } catch (RefusedRequestException e) {
            wireFormat.refuse(response, e.refusal(), e.getMessage());
            return;
        }
        keysOf(tables).onComplete(keys -> {
            if (keys.failed()) {
                wireFormat.refuse(response, Refusal.BACKEND_UNAVAILABLE, "DescribeTable failed: "
                        + keys.cause().getMessage());
                return;
            }
            forwarding.authorizeThenForward(response, caller, () -> DynamoDbAccessChecks.of(operation, body,
                            new DynamoDbAccessChecks.Context(tableArnPrefix, keys.result())),
                    dynamoDbLocal -> forward(dynamoDbLocal, request, payload, operation, body));
        });
    }

    private void forward(BackendForwarder dynamoDbLocal, HttpServerRequest request, Buffer payload, String operation,
                         JsonNode body) {
        HttpServerResponse response = request.response();
        if (SCHEMA_CHANGES.contains(operation)) {
            response.endHandler(done -> keySchemas.get().forget(body.path("TableName").asText()));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", Optional.ofNullable(request.getHeader("Content-Type"))
                        .orElse("application/x-amz-json-1.0"))
                .add("X-Amz-Target", request.getHeader("X-Amz-Target"))
                .add("Authorization", BACKEND_AUTHORIZATION);
        dynamoDbLocal.forward(HttpMethod.POST, "/", headers, payload, response, wireFormat);
    }

    private Future<Map<String, KeySchemas.TableKeys>> keysOf(Set<String> tables) {
        if (tables.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        List<String> names = new ArrayList<>(tables);
        List<Future<Optional<KeySchemas.TableKeys>>> lookups = names.stream().map(keySchemas.get()::of).toList();
        return Future.all(lookups).map(all -> {
            Map<String, KeySchemas.TableKeys> keys = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String table = names.get(i);
                lookups.get(i).result().ifPresent(found -> keys.put(table, found));
            }
            return keys;
        });
    }
}
