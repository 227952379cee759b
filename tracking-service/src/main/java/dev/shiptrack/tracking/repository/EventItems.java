package dev.shiptrack.tracking.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import dev.shiptrack.tracking.model.TrackingEvent;
import dev.shiptrack.tracking.model.TrackingStatus;
import dev.shiptrack.iam.TenantDataLayout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB item form of an event, shared by the event items and the re-index outbox. */
final class EventItems {

    private static final String PK = TenantDataLayout.PARTITION_KEY;
    private static final String SK = TenantDataLayout.SORT_KEY;

    /** Fixed width, so that the lexical order of sort keys is the time order. */
    private static final DateTimeFormatter SORTABLE_TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventItems() {
    }

    static String partitionKey(TenantScope scope, String shipmentId) {
        return TenantDataLayout.tenantKey(scope.prefix()) + shipmentId;
    }

    static String sortKey(TrackingEvent event) {
        return SORTABLE_TIME.format(event.time()) + "#" + event.eventId();
    }

    /** The item of an event under the given keys, with the tenant key that lets offboarding find it. */
    static Map<String, AttributeValue> item(TenantScope scope, String pk, String sk, TrackingEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(pk));
        item.put(SK, s(sk));
        item.put(TenantDataLayout.TENANT_KEY, s(TenantDataLayout.tenantKey(scope.prefix())));
        item.put("eventId", s(event.eventId()));
        item.put("shipmentId", s(event.shipmentId()));
        item.put("status", s(event.status().name()));
        item.put("time", s(event.time().toString()));
        item.put("recordedAt", s(event.recordedAt().toString()));
        if (event.location() != null) {
            item.put("location", s(event.location()));
        }
        if (event.note() != null) {
            item.put("note", s(event.note()));
        }
        return item;
    }

    static TrackingEvent event(Map<String, AttributeValue> item) {
        return new TrackingEvent(item.get("eventId").s(), item.get("shipmentId").s(),
                TrackingStatus.valueOf(item.get("status").s()), optional(item, "location"),
                Instant.parse(item.get("time").s()), optional(item, "note"), Instant.parse(item.get("recordedAt").s()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String optional(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
