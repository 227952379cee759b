package dev.shiptrack.tenant.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shiptrack.tenant.model.LifecycleEvent;

/**
 * The outbox of lifecycle events ({@code control_plane.lifecycle_events}), written in the transaction of the
 * transition it reports, and logged under {@code dev.shiptrack.tenant.lifecycle}, so that a billing or notification
 * consumer can follow either.
 */
@ApplicationScoped
public class LifecycleEvents {

    private static final Logger LOG = Logger.getLogger("dev.shiptrack.tenant.lifecycle");

    private final ObjectMapper json;

    LifecycleEvents(ObjectMapper json) {
        this.json = json;
    }

    public void record(Connection connection, String tenantId, String detailType, ObjectNode detail) throws SQLException {
        detail.put("tenantId", tenantId);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO control_plane.lifecycle_events (tenant_id, detail_type, detail) VALUES (?, ?, ?::jsonb)")) {
            insert.setString(1, tenantId);
            insert.setString(2, detailType);
            insert.setString(3, detail.toString());
            insert.executeUpdate();
        }
        LOG.infof("lifecycle-event detail-type=%s detail=%s", detailType, detail);
    }

    /** The tenant's events, oldest first. */
    public List<LifecycleEvent> of(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, tenant_id, detail_type, detail::text,"
                + " occurred_at FROM control_plane.lifecycle_events WHERE tenant_id = ? ORDER BY id")) {
            select.setString(1, tenantId);
            List<LifecycleEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(new LifecycleEvent(row.getLong(1), row.getString(2), row.getString(3),
                            json.readTree(row.getString(4)), row.getTimestamp(5).toInstant()));
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("A lifecycle event's detail is not JSON", e);
            }
            return events;
        }
    }
}
