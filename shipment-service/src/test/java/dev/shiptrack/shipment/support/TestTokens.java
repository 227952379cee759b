package dev.shiptrack.shipment.support;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Access tokens for the tests, signed with the key {@link OidcServerResource} publishes, and broken variants. */
public final class TestTokens {

    public static final String ISSUER = "https://idp.shiptrack.test/realms/tracking";
    public static final String AUDIENCE = "shiptrack-api";
    static final String KEY_ID = "test-signing-key";
    static final String PRIVATE_KEY_PROPERTY = "test.oidc.private-key";

    private TestTokens() {
    }

    public static String forTenant(String tenantId) {
        return sign(claims(tenantId));
    }

    public static String withoutTenant() {
        return sign(Jwt.issuer(ISSUER).audience(AUDIENCE).subject("no-tenant").expiresIn(300));
    }

    public static String signedByAnotherKey(String tenantId) {
        return claims(tenantId).jws().keyId(KEY_ID).sign(OidcServerResource.generateRsaKeys().getPrivate());
    }

    public static String fromIssuer(String issuer, String tenantId) {
        return sign(claims(tenantId).issuer(issuer));
    }

    public static String forAudience(String audience, String tenantId) {
        return sign(claims(tenantId).audience(audience));
    }

    public static String expired(String tenantId) {
        Instant past = Instant.now().minusSeconds(600);
        return sign(claims(tenantId).issuedAt(past).expiresAt(past.plusSeconds(60)));
    }

    /** The valid token's claims with {@code alg: none} and no signature. */
    public static String unsigned(String tenantId) {
        String[] parts = forTenant(tenantId).split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    private static JwtClaimsBuilder claims(String tenantId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-of-" + tenantId).claim("tenantId", tenantId)
                .expiresIn(300);
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(privateKey());
    }

    private static PrivateKey privateKey() {
        String encoded = System.getProperty(PRIVATE_KEY_PROPERTY);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
