package dev.shiptrack.tenant.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tenant.model.Tier;

/**
 * The data plane's PostgreSQL objects of a tenant: its row in {@code public.tenants} (which shipment-service
 * reads to refuse suspended tenants), its shipments, and its database role for shipment-service's per-tenant-user
 * strategy. The role is the one per-tenant access object of this design, and a database object, not an IAM one.
 * tenant_provisioner reaches shipments only under row-level security with {@code app.tenant_id} set to the tenant
 * being offboarded (shipment-service's migration V2).
 */
@ApplicationScoped
public class DataPlaneDatabase {

    /** Group role whose members are tenant roles (shipment-service's migration V1). */
    static final String TENANT_GROUP_ROLE = "shipment_tenant";

    private final TenantServiceConfig config;

    DataPlaneDatabase(TenantServiceConfig config) {
        this.config = config;
    }

    /** The tenant row, disabled until onboarding's last step; an existing row is left as it is. */
    public void insertDisabledTenantRow(Connection connection, String tenantId, Tier tier) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO public.tenants (tenant_id, status, tier)"
                + " VALUES (?, 'disabled', ?) ON CONFLICT (tenant_id) DO NOTHING")) {
            insert.setString(1, tenantId);
            insert.setString(2, tier.value());
            insert.executeUpdate();
        }
    }

    /** Sets the status shipment-service reads: {@code active}, {@code suspended} or {@code disabled}. */
    public void setTenantRowStatus(Connection connection, String tenantId, String status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE public.tenants SET status = ? WHERE tenant_id = ?")) {
            update.setString(1, status);
            update.setString(2, tenantId);
            update.executeUpdate();
        }
    }

    /** Sets the tier of the tenant's row. */
    public void setTenantRowTier(Connection connection, String tenantId, Tier tier) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE public.tenants SET tier = ? WHERE tenant_id = ?")) {
            update.setString(1, tier.value());
            update.setString(2, tenantId);
            update.executeUpdate();
        }
    }

    public void deleteTenantRow(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM public.tenants WHERE tenant_id = ?")) {
            delete.setString(1, tenantId);
            delete.executeUpdate();
        }
    }

    /**
     * Deletes the tenant's shipments with row-level security scoped to that tenant; returns how many. The one
     * statement whose time grows with the tenant: it may wait {@code tenant-service.erase-shipments-timeout} for its
     * answer instead of the pool's socket timeout of seconds, which the connection gets back afterwards.
     */
    public int deleteShipments(Connection connection, String tenantId) throws SQLException {
        int poolTimeout = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, (int) config.eraseShipmentsTimeout().toMillis());
        try (PreparedStatement scope = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM public.shipments WHERE tenant_id = ?")) {
            scope.setString(1, tenantId);
            scope.execute();
            delete.setString(1, tenantId);
            return delete.executeUpdate();
        } finally {
            connection.setNetworkTimeout(Runnable::run, poolTimeout);
        }
    }

    /**
     * Creates the tenant's login role as a member of shipment_tenant, or accepts the one a previous attempt made.
     *
     * @throws RoleNameTakenException if a role of that name exists and is not a tenant role
     */
    public void createTenantRole(Connection connection, String tenantId) throws SQLException {
        Boolean tenantRole = roleIsTenantRole(connection, tenantId);
        if (Boolean.TRUE.equals(tenantRole)) {
            return;
        }
        if (Boolean.FALSE.equals(tenantRole)) {
            throw new RoleNameTakenException(tenantId);
        }
        // DDL takes no bind parameters: format() quotes the name (%I) and the password (%L) on the server.
        String password = config.tenantDatabaseRole().localPassword().filter(p -> !p.isBlank()).orElse(null);
        try (PreparedStatement ddl = connection.prepareStatement(password == null
                ? "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE " + TENANT_GROUP_ROLE + "', ?)"
                : "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD %L IN ROLE "
                        + TENANT_GROUP_ROLE + "', ?, ?)")) {
            ddl.setString(1, tenantId);
            if (password != null) {
                ddl.setString(2, password);
            }
            execute(connection, ddl);
        }
        if (config.tenantDatabaseRole().iamAuthentication()) {
            try (PreparedStatement ddl = connection.prepareStatement("SELECT format('GRANT rds_iam TO %I', ?)")) {
                ddl.setString(1, tenantId);
                execute(connection, ddl);
            }
        }
    }

    /** Drops the tenant's role if it exists; a role of that name that is not a tenant role is never touched. */
    public void dropTenantRole(Connection connection, String tenantId) throws SQLException {
        Boolean tenantRole = roleIsTenantRole(connection, tenantId);
        if (tenantRole == null) {
            return;
        }
        if (!tenantRole) {
            throw new RoleNameTakenException(tenantId);
        }
        try (PreparedStatement ddl = connection.prepareStatement("SELECT format('DROP ROLE %I', ?)")) {
            ddl.setString(1, tenantId);
            execute(connection, ddl);
        }
    }

    /** null: no such role; true: a member of shipment_tenant; false: some other role. */
    private static Boolean roleIsTenantRole(Connection connection, String role) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                               WHERE m.member = r.oid AND g.rolname = ?)
                FROM pg_roles r WHERE r.rolname = ?""")) {
            select.setString(1, TENANT_GROUP_ROLE);
            select.setString(2, role);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBoolean(1) : null;
            }
        }
    }

    private static void execute(Connection connection, PreparedStatement formatter) throws SQLException {
        String statement;
        try (ResultSet row = formatter.executeQuery()) {
            row.next();
            statement = row.getString(1);
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(statement);
        }
    }

    /** A database role has the tenant's name but is not a tenant role. */
    public static final class RoleNameTakenException extends SQLException {

        RoleNameTakenException(String role) {
            super("A database role named " + role + " exists and is not a tenant role");
        }
    }
}
