package dev.shiptrack.shipment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.shiptrack.tvm.aws.RdsAuthTokens;
import dev.shiptrack.tvm.tenant.TenantId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * {@code password-source=iam-token}: an RDS IAM auth token signed with the tenant's vended credentials, whose role
 * policy ({@code deploy/iam/shipment-access-policy.json}) allows {@code rds-db:connect} only as
 * {@code dbuser:<cluster>/${aws:PrincipalTag/TenantID}}, so a token for another tenant's role is refused by RDS.
 * Vending may call STS, so it runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
@Typed(IamTokenPasswordSource.class)
public class IamTokenPasswordSource implements TenantPasswordSource {

    private final Vertx vertx;
    private final RdsAuthTokens tokens;

    public IamTokenPasswordSource(Vertx vertx, RdsAuthTokens tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
    }

    @Override
    public Future<String> passwordFor(String tenantId, String host, int port) {
        return vertx.executeBlocking(() -> tokens.generate(TenantId.parse(tenantId), host, port, tenantId), false);
    }
}
