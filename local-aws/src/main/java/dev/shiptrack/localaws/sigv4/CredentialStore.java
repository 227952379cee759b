package dev.shiptrack.localaws.sigv4;

import dev.shiptrack.localaws.iam.Principal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The long-term keys configured for the edge and the temporary credentials its STS issued (in memory only). */
public final class CredentialStore {

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final Clock clock;

    public CredentialStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * A signing key and the principal it belongs to.
     *
     * @param sessionToken null for long-term keys
     */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Principal principal) {
    }

    public void addLongTermKey(String accessKeyId, String secretAccessKey, Principal principal) {
        credentials.put(accessKeyId, new Credentials(accessKeyId, secretAccessKey, null, principal));
    }

    /** Issues temporary credentials for an assumed-role session. */
    public Credentials issue(Principal session) {
        Credentials issued = new Credentials("ASIA" + randomKeyId(), randomSecret(30), randomSecret(96), session);
        credentials.put(issued.accessKeyId(), issued);
        return issued;
    }

    public Optional<Credentials> find(String accessKeyId) {
        return Optional.ofNullable(credentials.get(accessKeyId));
    }

    /** Whether the credentials' expiration has passed (long-term keys never expire). */
    public boolean expired(Credentials found) {
        return found.principal().expiration() != null && !clock.instant().isBefore(found.principal().expiration());
    }

    /** Forgets expired sessions, so a long local run does not keep every session ever issued. */
    public void evictExpired() {
        credentials.values().removeIf(found -> found.principal().expiration() != null
                && clock.instant().isAfter(found.principal().expiration().plusSeconds(3600)));
    }

    private static String randomKeyId() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ID_ALPHABET.charAt(RANDOM.nextInt(KEY_ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
