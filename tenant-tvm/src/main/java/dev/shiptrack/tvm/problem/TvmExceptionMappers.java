package dev.shiptrack.tvm.problem;

import dev.shiptrack.tvm.tenant.InvalidTenantException;
import dev.shiptrack.tvm.vending.CredentialsUnavailableException;
import dev.shiptrack.tvm.vending.SessionPolicyRejectedException;
import dev.shiptrack.tvm.vending.TenantAccessDeniedException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers the vending machine's exceptions with problem+json. The log names tenant and role, never credentials;
 * the response names neither role nor STS error, which are of no use to the caller.
 */
public class TvmExceptionMappers {

    private static final Logger LOG = Logger.getLogger(TvmExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidTenant(InvalidTenantException e) {
        LOG.warnf("Refused a request without a valid tenant: %s", e.getMessage());
        return Problem.of("invalid-tenant", "No valid tenant in the token", 403, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response accessDenied(TenantAccessDeniedException e) {
        LOG.warnf("Credentials refused for tenant=%s role=%s: %s", e.tenant(), e.roleArn(), e.getMessage());
        return Problem.of("tenant-access-denied", "Access denied for this tenant", 403,
                "No credentials may be issued for tenant " + e.tenant()).toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(CredentialsUnavailableException e) {
        if (e instanceof SessionPolicyRejectedException) {
            LOG.errorf("Session policy refused for tenant=%s role=%s: %s", e.tenant(), e.roleArn(), e.getMessage());
        } else {
            LOG.warnf("Credentials unavailable for tenant=%s role=%s: %s", e.tenant(), e.roleArn(), e.getMessage());
        }
        return Problem.of("credentials-unavailable", "Tenant credentials are unavailable", 503,
                "Tenant credentials cannot be issued right now; try again later").toResponse();
    }
}
