package dev.shiptrack.localaws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.RefusedRequestException;
import dev.shiptrack.localaws.iam.AccessCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a DynamoDB request needs from IAM: one check per action and table (or index), carrying
 * {@code dynamodb:LeadingKeys}, the set of partition key values the request touches. Batch and transaction requests
 * give one check per table and action with the keys of all their items, so one foreign key denies the request.
 */
final class DynamoDbAccessChecks {

    /**
     * @param tableArnPrefix {@code arn:aws:dynamodb:<region>:<account>:table/}
     */
    record Context(String tableArnPrefix, Map<String, KeySchemas.TableKeys> keys) {

        String arn(String table, String index) {
            return tableArnPrefix + table + (index == null ? "" : "/index/" + index);
        }

        KeySchemas.TableKeys keysOf(String table) {
            KeySchemas.TableKeys tableKeys = keys.get(table);
            if (tableKeys == null) {
                throw new RefusedRequestException(Refusal.NOT_FOUND, "Requested resource not found: Table: "
                        + table + " not found");
            }
            return tableKeys;
        }
    }

    private DynamoDbAccessChecks() {
    }

    /** The tables whose key schemas are needed to derive the checks of this request. */
    static Set<String> tablesNeedingKeys(String operation, JsonNode request) {
        Set<String> tables = new LinkedHashSet<>();
        switch (operation) {
            case "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query" -> tables.add(tableName(request));
            case "BatchGetItem", "BatchWriteItem" -> request.path("RequestItems").fieldNames()
                    .forEachRemaining(tables::add);
            case "TransactGetItems", "TransactWriteItems" -> request.path("TransactItems").forEach(item ->
                    item.fields().forEachRemaining(entry -> tables.add(tableName(entry.getValue()))));
            default -> {
                // the other operations carry no partition key values
            }
        }
        return tables;
    }

    static List<AccessCheck> of(String operation, JsonNode request, Context context) {
        return switch (operation) {
            case "GetItem", "DeleteItem", "UpdateItem" -> List.of(itemCheck(operation, tableName(request),
                    List.of(request.path("Key")), context));
            case "PutItem" -> List.of(itemCheck(operation, tableName(request), List.of(request.path("Item")),
                    context));
            case "Query" -> List.of(query(request, context));
            case "BatchGetItem" -> batchGet(request, context);
            case "BatchWriteItem" -> batchWrite(request, context);
            case "TransactGetItems", "TransactWriteItems" -> transaction(request, context);
            case "CreateTable", "DescribeTable", "DeleteTable", "UpdateTable", "DescribeTimeToLive",
                 "UpdateTimeToLive", "Scan" -> List.of(AccessCheck.of("dynamodb:" + operation,
                    context.arn(tableName(request), operation.equals("Scan")
                            ? request.path("IndexName").asText(null) : null)));
            case "ListTables" -> List.of(AccessCheck.of("dynamodb:ListTables", "*"));
            default -> throw new RefusedRequestException(Refusal.NOT_IMPLEMENTED,
                    "The local edge does not support " + operation);
        };
    }

    private static AccessCheck query(JsonNode request, Context context) {
        String table = tableName(request);
        String index = request.path("IndexName").asText(null);
        String partitionKey = context.keysOf(table).partitionKeyOf(index).orElseThrow(() ->
                new RefusedRequestException(Refusal.MALFORMED, "The table does not have the specified index: "
                        + index));
        List<JsonNode> values = KeyConditions.partitionKeyValues(request, partitionKey);
        if (values.isEmpty()) {
            throw new RefusedRequestException(Refusal.MALFORMED,
                    "Query condition missed key schema element: " + partitionKey);
        }
        return leadingKeysCheck("dynamodb:Query", context.arn(table, index), values);
    }

    private static List<AccessCheck> batchGet(JsonNode request, Context context) {
        List<AccessCheck> checks = new ArrayList<>();
        request.path("RequestItems").fields().forEachRemaining(table -> {
            List<JsonNode> keys = new ArrayList<>();
            table.getValue().path("Keys").forEach(keys::add);
            checks.add(itemCheck("BatchGetItem", table.getKey(), keys, context));
        });
        return checks;
    }

    private static List<AccessCheck> batchWrite(JsonNode request, Context context) {
        List<AccessCheck> checks = new ArrayList<>();
        request.path("RequestItems").fields().forEachRemaining(table -> {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode write : table.getValue()) {
                JsonNode item = write.has("PutRequest") ? write.path("PutRequest").path("Item")
                        : write.path("DeleteRequest").path("Key");
                items.add(item);
            }
            checks.add(itemCheck("BatchWriteItem", table.getKey(), items, context));
        });
        return checks;
    }

    /** Each transaction item needs the action it performs ({@code GetItem}, {@code PutItem}...) on its table. */
    private static List<AccessCheck> transaction(JsonNode request, Context context) {
        Map<String, List<JsonNode>> itemsByActionAndTable = new LinkedHashMap<>();
        for (JsonNode transactItem : request.path("TransactItems")) {
            transactItem.fields().forEachRemaining(entry -> {
                String action = switch (entry.getKey()) {
                    case "Get" -> "GetItem";
                    case "Put" -> "PutItem";
                    case "Update" -> "UpdateItem";
                    case "Delete" -> "DeleteItem";
                    case "ConditionCheck" -> "ConditionCheckItem";
                    default -> throw new RefusedRequestException(Refusal.MALFORMED,
                            "Unknown transaction item " + entry.getKey());
                };
                JsonNode item = entry.getKey().equals("Put") ? entry.getValue().path("Item")
                        : entry.getValue().path("Key");
                itemsByActionAndTable.computeIfAbsent(action + '\n' + tableName(entry.getValue()),
                        key -> new ArrayList<>()).add(item);
            });
        }
        List<AccessCheck> checks = new ArrayList<>();
        itemsByActionAndTable.forEach((actionAndTable, items) -> {
            String[] parts = actionAndTable.split("\n", 2);
            checks.add(itemCheck(parts[0], parts[1], items, context));
        });
        return checks;
    }

    private static AccessCheck itemCheck(String operation, String table, List<JsonNode> items, Context context) {
        String partitionKey = context.keysOf(table).partitionKey();
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode value = item.get(partitionKey);
            if (value == null) {
                throw new RefusedRequestException(Refusal.MALFORMED,
                        "The provided key element does not match the schema");
            }
            values.add(value);
        }
        return leadingKeysCheck("dynamodb:" + operation, context.arn(table, null), values);
    }

    private static AccessCheck leadingKeysCheck(String action, String resourceArn, List<JsonNode> values) {
        Set<String> leadingKeys = new LinkedHashSet<>();
        for (JsonNode value : values) {
            leadingKeys.add(scalar(value));
        }
        return new AccessCheck(action, resourceArn, Map.of("dynamodb:LeadingKeys", List.copyOf(leadingKeys)));
    }

    /** The text of a key attribute value ({@code S}, {@code N} or {@code B}, the only types keys can have). */
    private static String scalar(JsonNode attributeValue) {
        for (String type : new String[]{"S", "N", "B"}) {
            if (attributeValue.path(type).isTextual()) {
                return attributeValue.path(type).asText();
            }
        }
        throw new RefusedRequestException(Refusal.MALFORMED, "Key attributes must be of type S, N or B");
    }

    private static String tableName(JsonNode request) {
        String table = request.path("TableName").asText(null);
        if (table == null || table.isEmpty()) {
            throw new RefusedRequestException(Refusal.MALFORMED, "TableName is required");
        }
        return table;
    }
}
