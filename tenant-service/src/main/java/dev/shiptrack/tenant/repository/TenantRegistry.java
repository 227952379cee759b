package dev.shiptrack.tenant.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tenant.model.TenantRecord;
import dev.shiptrack.tenant.model.TenantRecord.Operation;
import dev.shiptrack.tenant.model.TenantStatus;
import dev.shiptrack.tenant.model.Tier;

/**
 * The control plane's tenant registry ({@code control_plane.tenant_registry}). Every status change is a
 * conditional update ({@code WHERE status = ANY(...)}): of two concurrent requests for the same tenant only one
 * finds the status it expects, the other changes nothing. Methods take the caller's connection, so that a
 * transition, its lifecycle event and the data plane's tenant row commit together.
 */
@ApplicationScoped
public class TenantRegistry {

    private static final String COLUMNS = "tenant_id, name, tier, status, fingerprint, failed_step, failed_operation,"
            + " steps_done, admin_username, admin_email, created_at, updated_at, storage, moving_to, attempt";

    /**
     * Inserts a PROVISIONING tenant whose onboarding {@code attempt} holds; false when the id exists (in any status,
     * tombstones included).
     */
    public boolean insertProvisioning(Connection connection, String id, String name, Tier tier, StorageModel storage,
            String fingerprint, String adminUsername, String adminEmail, UUID attempt) throws SQLException {
        lockClaim(connection, id);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO control_plane.tenant_registry (tenant_id, name, tier, storage, status, fingerprint,
                    admin_username, admin_email, attempt)
                VALUES (?, ?, ?, ?, 'PROVISIONING', ?, ?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING""")) {
            insert.setString(1, id);
            insert.setString(2, name);
            insert.setString(3, tier.value());
            insert.setString(4, storage.value());
            insert.setString(5, fingerprint);
            insert.setString(6, adminUsername);
            insert.setString(7, adminEmail);
            insert.setObject(8, attempt);
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Waits for a transaction inserting the tenant's row, until the end of this one. A failure is recorded with an
     * UPDATE, which waits for a transaction updating the row (its row lock) but does not see a row inserted by one
     * still running: without this lock, the failure of a claim whose COMMIT is still being applied would find nothing
     * to record, and the claim would then commit a PROVISIONING row that no request runs.
     */
    private static void lockClaim(Connection connection, String id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext('control_plane.tenant_registry:' || ?))")) {
            lock.setString(1, id);
            lock.executeQuery().close();
        }
    }

    public Optional<TenantRecord> find(Connection connection, String id) throws SQLException {
        return select(connection, id, "");
    }

    /**
     * The tenant, its row locked until the transaction ends: no transition (an offboarding starting) can come between
     * what the caller reads and what it writes meanwhile, in the data plane included.
     */
    public Optional<TenantRecord> findForUpdate(Connection connection, String id) throws SQLException {
        return select(connection, id, " FOR UPDATE");
    }

    private Optional<TenantRecord> select(Connection connection, String id, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM control_plane.tenant_registry WHERE tenant_id = ?" + lock)) {
            select.setString(1, id);
            return optionalRecord(select);
        }
    }

    /** A page of tenants ordered by id, tombstones included. */
    public List<TenantRecord> page(Connection connection, int page, int size) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM control_plane.tenant_registry ORDER BY tenant_id LIMIT ? OFFSET ?")) {
            select.setInt(1, size);
            select.setLong(2, (long) page * size);
            List<TenantRecord> tenants = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    tenants.add(record(row));
                }
            }
            return tenants;
        }
    }

    public long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM control_plane.tenant_registry");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Moves the tenant from one of {@code from} to {@code to}, clearing a recorded failure; {@code restartSteps}
     * empties the list of steps done and forgets a failed storage move (a new operation begins).
     *
     * @param attempt the request that runs the operation {@code to} begins or resumes; null when no operation runs then
     * @return the updated tenant, or empty when its status was not one of {@code from} (someone else won)
     */
    public Optional<TenantRecord> transition(Connection connection, String id, Set<TenantStatus> from,
            TenantStatus to, boolean restartSteps, UUID attempt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE control_plane.tenant_registry SET status = ?,"
                + " failed_step = NULL, failed_operation = NULL, attempt = ?, updated_at = now()"
                + (restartSteps ? ", steps_done = '{}', moving_to = NULL, status_after_move = NULL" : "")
                + " WHERE tenant_id = ? AND status = ANY(?) RETURNING " + COLUMNS)) {
            update.setString(1, to.name());
            update.setObject(2, attempt);
            update.setString(3, id);
            update.setArray(4, connection.createArrayOf("text", from.stream().map(Enum::name).toArray()));
            return optionalRecord(update);
        }
    }

    /**
     * Takes over an operation that has recorded no step for {@code stalledAfter} (its process died or its function
     * timed out): marks it as progressing again and held by {@code attempt}, so that only one retry can take it.
     *
     * @return the tenant, or empty when it is not {@code running} or made progress more recently
     */
    public Optional<TenantRecord> takeOverStalled(Connection connection, String id, TenantStatus running,
            Duration stalledAfter, UUID attempt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE control_plane.tenant_registry"
                + " SET updated_at = now(), attempt = ? WHERE tenant_id = ? AND status = ?"
                + " AND updated_at < now() - make_interval(secs => ?) RETURNING " + COLUMNS)) {
            update.setObject(1, attempt);
            update.setString(2, id);
            update.setString(3, running.name());
            update.setDouble(4, stalledAfter.toMillis() / 1000.0);
            return optionalRecord(update);
        }
    }

    /**
     * Starts a storage move of an ACTIVE or SUSPENDED tenant whose storage is not {@code target}: MOVING, remembering
     * the status to return to, with no step done, held by {@code attempt}.
     *
     * @return the tenant, or empty when it was in another status or had that storage already (someone else won)
     */
    public Optional<TenantRecord> startMove(Connection connection, String id, StorageModel target, UUID attempt)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE control_plane.tenant_registry"
                + " SET status = 'MOVING', status_after_move = status, moving_to = ?, steps_done = '{}',"
                + " attempt = ?, updated_at = now() WHERE tenant_id = ? AND status IN ('ACTIVE', 'SUSPENDED')"
                + " AND storage <> ? RETURNING " + COLUMNS)) {
            update.setString(1, target.value());
            update.setObject(2, attempt);
            update.setString(3, id);
            update.setString(4, target.value());
            return optionalRecord(update);
        }
    }

    /** The move's switch: the tenant's storage becomes its target (the routes item is written in the same transaction). */
    public TenantRecord switchStorage(Connection connection, String id) throws SQLException {
        return updateTenant(connection, id, "SET storage = moving_to, updated_at = now()"
                + " WHERE tenant_id = ? AND status = 'MOVING'")
                .orElseThrow(() -> new SQLException("Tenant " + id + " is not moving"));
    }

    /** MOVING back to the status the tenant had before the move. */
    public Optional<TenantRecord> finishMove(Connection connection, String id) throws SQLException {
        return updateTenant(connection, id, "SET status = status_after_move, moving_to = NULL,"
                + " status_after_move = NULL, attempt = NULL, updated_at = now()"
                + " WHERE tenant_id = ? AND status = 'MOVING'");
    }

    /** An UPDATE of the registry whose only parameter is the tenant id; the row as it is then, if it matched. */
    private static Optional<TenantRecord> updateTenant(Connection connection, String id, String setAndWhere)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE control_plane.tenant_registry "
                + setAndWhere + " RETURNING " + COLUMNS)) {
            update.setString(1, id);
            return optionalRecord(update);
        }
    }

    /** The tenant a query returns, if any. */
    private static Optional<TenantRecord> optionalRecord(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(record(row)) : Optional.empty();
        }
    }

    /** Sets the tenant's tier; the fingerprint of its onboarding request stays, so a retry of it is still recognised. */
    public TenantRecord changeTier(Connection connection, String id, Tier tier) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE control_plane.tenant_registry SET tier = ?,"
                + " updated_at = now() WHERE tenant_id = ? RETURNING " + COLUMNS)) {
            update.setString(1, tier.value());
            update.setString(2, id);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                return record(row);
            }
        }
    }

    /** Records a finished step, once. */
    public void stepDone(Connection connection, String id, String step) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE control_plane.tenant_registry SET steps_done = array_append(steps_done, ?), updated_at = now()
                WHERE tenant_id = ? AND NOT (? = ANY(steps_done))""")) {
            update.setString(1, step);
            update.setString(2, id);
            update.setString(3, step);
            update.executeUpdate();
        }
    }

    /**
     * FAILED at {@code step}, from the status the operation runs in, provided {@code attempt} still holds the
     * operation: a request that took it over since has its progress kept; an attempt whose claim never committed
     * changes nothing.
     */
    public Optional<TenantRecord> fail(Connection connection, String id, TenantStatus runningStatus,
            Operation operation, String step, UUID attempt) throws SQLException {
        lockClaim(connection, id);
        try (PreparedStatement update = connection.prepareStatement("UPDATE control_plane.tenant_registry SET status = 'FAILED',"
                + " failed_step = ?, failed_operation = ?, attempt = NULL, updated_at = now() WHERE tenant_id = ?"
                + " AND status = ? AND attempt = ? RETURNING " + COLUMNS)) {
            update.setString(1, step);
            update.setString(2, operation.name());
            update.setString(3, id);
            update.setString(4, runningStatus.name());
            update.setObject(5, attempt);
            return optionalRecord(update);
        }
    }

    /** OFFBOARDING to DELETED, erasing the name and the first user's details: the tombstone keeps the id taken. */
    public Optional<TenantRecord> tombstone(Connection connection, String id) throws SQLException {
        return updateTenant(connection, id, "SET status = 'DELETED', name = NULL, admin_username = NULL,"
                + " admin_email = NULL, attempt = NULL, updated_at = now()"
                + " WHERE tenant_id = ? AND status = 'OFFBOARDING'");
    }

    private static TenantRecord record(ResultSet row) throws SQLException {
        Array steps = row.getArray("steps_done");
        return new TenantRecord(row.getString("tenant_id"), row.getString("name"), Tier.of(row.getString("tier")),
                TenantStatus.valueOf(row.getString("status")), row.getString("fingerprint"),
                Optional.ofNullable(row.getString("failed_step")),
                Optional.ofNullable(row.getString("failed_operation")).map(Operation::valueOf),
                steps == null ? List.of() : Arrays.asList((String[]) steps.getArray()),
                row.getString("admin_username"), row.getString("admin_email"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
                StorageModel.parse(row.getString("storage")).orElseThrow(),
                Optional.ofNullable(row.getString("moving_to")).flatMap(StorageModel::parse),
                Optional.ofNullable(row.getObject("attempt", UUID.class)));
    }
}
