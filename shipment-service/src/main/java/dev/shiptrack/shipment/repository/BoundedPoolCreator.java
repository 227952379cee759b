package dev.shiptrack.shipment.repository;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/** Creates the default reactive pool (the {@code pooled} strategy's) with {@link DatabaseTimeouts}. */
@Singleton
@Unremovable
public class BoundedPoolCreator implements PgPoolCreator {

    private final DatabaseTimeouts timeouts;

    BoundedPoolCreator(DatabaseTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(timeouts::bound);
        // Quarkus casts the result to PgPool, which only this (deprecated) factory still returns.
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), timeouts.bound(input.poolOptions()))
                .connectHandler(timeouts.guardEachConnection());
    }
}
