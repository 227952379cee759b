package dev.shiptrack.shipment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.vertx.core.Future;

/**
 * {@code password-source=iam-token}: an RDS IAM auth token signed with the tenant's vended credentials, whose
 * policy allows {@code rds-db:connect} only as {@code dbuser:<cluster>/${aws:PrincipalTag/TenantID}}.
 * TODO(tenant-tvm): generate with {@code dev.shiptrack.tvm.aws.RdsAuthTokens} once tenant-tvm has landed.
 */
@ApplicationScoped
@Typed(IamTokenPasswordSource.class)
public class IamTokenPasswordSource implements TenantPasswordSource {

    @Override
    public Future<String> passwordFor(String tenantId, String host, int port) {
        return Future.failedFuture(new IllegalStateException("IAM auth tokens need tenant-tvm's RdsAuthTokens"));
    }
}
