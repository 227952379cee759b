package dev.shiptrack.tvm.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.function.UnaryOperator;

/** Signed JWTs like the identity provider's, verified by the application with the test public key. */
public final class Tokens {

    public static final String ISSUER = "https://issuer.shiptrack.test";

    private Tokens() {
    }

    public static String forTenant(String tenant) {
        return with(claims -> claims.claim("tenantId", tenant));
    }

    /** A token for user alice with the given extra claims. */
    public static String with(UnaryOperator<JwtClaimsBuilder> claims) {
        return claims.apply(Jwt.issuer(ISSUER).subject("alice").expiresIn(300)).sign();
    }
}
