package dev.shiptrack.tvm.tenant;

import dev.shiptrack.tvm.config.TvmConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant of the current request, read only from the verified JWT (never from a header, path or body).
 */
@RequestScoped
public class CurrentTenant {

    private final JsonWebToken jwt;
    private final TvmConfig config;
    private TenantId tenant;

    public CurrentTenant(JsonWebToken jwt, TvmConfig config) {
        this.jwt = jwt;
        this.config = config;
    }

    /**
     * @throws InvalidTenantException if the token has no tenant claim, a non-string one, or a malformed id
     */
    public TenantId get() {
        if (tenant == null) {
            tenant = TenantId.parse(claimText(jwt, config.tenantClaim()));
        }
        return tenant;
    }

    /**
     * A string claim of the verified token, e.g. the source of an extra session tag.
     *
     * @throws InvalidTenantException if the claim is missing or not a string
     */
    public String stringClaim(String claim) {
        return claimText(jwt, claim);
    }

    private static String claimText(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        if (value instanceof String text) {
            return text;
        }
        throw new InvalidTenantException(value == null
                ? "The token has no " + claim + " claim"
                : "The " + claim + " claim of the token is not a string");
    }
}
