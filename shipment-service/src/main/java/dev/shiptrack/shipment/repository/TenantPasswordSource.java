package dev.shiptrack.shipment.repository;

import io.vertx.core.Future;

/** Supplies the password a tenant's database role logs in with; asked again for every new connection. */
public interface TenantPasswordSource {

    /** The password for role {@code tenantId} on {@code host:port}. */
    Future<String> passwordFor(String tenantId, String host, int port);
}
