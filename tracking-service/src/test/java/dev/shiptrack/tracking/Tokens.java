package dev.shiptrack.tracking;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Bearer tokens for the tests, signed with a key pair made per test run. The key travels through system properties
 * because the test resource and the tests are loaded by different class loaders.
 */
public final class Tokens {

    public static final String ISSUER = "https://issuer.tracking.test";
    public static final String AUDIENCE = "shiptrack-api";
    public static final String YELLOW = "yellow";
    public static final String BLUE = "blue";

    private static final String PRIVATE_KEY_PROPERTY = "test-support.jwt-private-key";

    private Tokens() {
    }

    /** Makes the signing key pair and returns the public key in the form {@code quarkus.oidc.public-key} takes. */
    static String createSigningKey() {
        KeyPair pair = newKeyPair();
        System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public static String forTenant(String tenant) {
        return claims(tenant).sign(signingKey());
    }

    public static String withIssuer(String issuer) {
        return claims(YELLOW).issuer(issuer).sign(signingKey());
    }

    public static String withAudience(String audience) {
        return claims(YELLOW).audience(audience).sign(signingKey());
    }

    public static String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims(YELLOW).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))).sign(signingKey());
    }

    public static String signedByAnotherKey() {
        return claims(YELLOW).sign(newKeyPair().getPrivate());
    }

    public static String withTenantClaim(Object tenantClaim) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-1").claim("tenantId", tenantClaim)
                .expiresIn(Duration.ofMinutes(10)).sign(signingKey());
    }

    public static String withoutTenantClaim() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-1").expiresIn(Duration.ofMinutes(10))
                .sign(signingKey());
    }

    /** A yellow token with {@code "alg": "none"} and an empty signature. */
    public static String unsigned() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"user-1\",\"tenantId\":\""
                + YELLOW + "\",\"exp\":" + exp + "}";
        return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static JwtClaimsBuilder claims(String tenant) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-of-" + tenant).claim("tenantId", tenant)
                .expiresIn(Duration.ofMinutes(10));
    }

    private static PrivateKey signingKey() {
        String encoded = System.getProperty(PRIVATE_KEY_PROPERTY);
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
