package dev.shiptrack.shipment.repository;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;

/**
 * Turns the PostgreSQL errors that mean "isolation refused this" into the exceptions the API answers with 403, and
 * failures to reach PostgreSQL (refused, timed out, connection lost) into
 * {@link DatabaseUnavailableException} (503).
 */
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
        // The failure itself, not its causes: the work's own failures (tracking-service refusing a connection, say)
        // arrive wrapped in the application's exceptions and keep their meaning. The pool's acquisition timeout
        // fails with Vert.x' plain NoStackTraceThrowable("Timeout").
        if (failure instanceof IOException || failure instanceof VertxException || failure instanceof TimeoutException
                || failure instanceof NoStackTraceThrowable) {
            return new DatabaseUnavailableException(failure);
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
