package dev.shiptrack.tvm.support;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Set;

/** A verified token as the JWT extension hands it over, for unit tests of claim handling. */
public record FakeJwt(Map<String, Object> claims) implements JsonWebToken {

    @Override
    public String getName() {
        return "user";
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }
}
