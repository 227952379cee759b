package dev.shiptrack.shipment.repository;

import io.vertx.core.Future;

/**
 * {@code password-source=local-password}: every tenant role logs in with the configured local password. Only for
 * local runs, where PostgreSQL has no IAM authentication; on AWS the tenant roles have no password at all.
 */
final class LocalPasswordSource implements TenantPasswordSource {

    private final String password;

    LocalPasswordSource(String password) {
        this.password = password;
    }

    @Override
    public Future<String> passwordFor(String tenantId, String host, int port) {
        return Future.succeededFuture(password);
    }
}
