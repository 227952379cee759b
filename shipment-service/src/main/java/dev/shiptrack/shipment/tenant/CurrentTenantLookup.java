package dev.shiptrack.shipment.tenant;

import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

/**
 * The caller's tenant, read only from the verified access token (claim {@code tenantId}), never from a header,
 * path or body. The one place to switch to tenant-tvm's {@code CurrentTenant} once it has landed.
 */
@RequestScoped
public class CurrentTenantLookup {

    private static final String TENANT_CLAIM = "tenantId";
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9]{3,32}");

    private final JsonWebToken token;

    public CurrentTenantLookup(JsonWebToken token) {
        this.token = token;
    }

    /** The tenant id of the verified token; also put into the log context as {@code tenantId}. */
    public String tenantId() {
        Object claim = token.getClaim(TENANT_CLAIM);
        String tenantId = claim == null ? null : claim.toString();
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw new MissingTenantException();
        }
        MDC.put("tenantId", tenantId);
        return tenantId;
    }
}
