package dev.shiptrack.shipment.repository;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.pgclient.PgException;

/** Turns the PostgreSQL errors that mean "isolation refused this" into the exceptions the API answers with 403. */
final class DatabaseErrors {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String INVALID_AUTHORIZATION_CLASS = "28";
    private static final Pattern TABLE_IN_MESSAGE = Pattern.compile("(?:table|relation) \"([^\"]+)\"");

    private DatabaseErrors() {
    }

    static Throwable translate(String tenantId, Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            if (INSUFFICIENT_PRIVILEGE.equals(pg.getSqlState())) {
                return new RowLevelSecurityRefusedException(tenantId, resourceOf(pg), pg);
            }
            if (pg.getSqlState().startsWith(INVALID_AUTHORIZATION_CLASS)) {
                return new TenantDatabaseLoginRefusedException(tenantId, pg);
            }
        }
        return failure;
    }

    private static String resourceOf(PgException pg) {
        if (pg.getTable() != null) {
            return pg.getTable();
        }
        Matcher table = TABLE_IN_MESSAGE.matcher(String.valueOf(pg.getErrorMessage()));
        return table.find() ? table.group(1) : "database";
    }
}
