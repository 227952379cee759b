package dev.shiptrack.localaws.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.iam.evaluator.NamedPolicy;
import dev.shiptrack.localaws.iam.Principal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The long-term keys configured for the edge and the temporary credentials its STS issued: in memory, and optionally
 * also in a file, so that an edge restarted on it still honours every unexpired session it issued, as STS does (its
 * session tokens carry their session; nothing is forgotten when a server of it goes away).
 */
public final class CredentialStore {

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Where issued sessions are appended, one JSON object a line; null when they live in memory only. */
    private Writer sessionsFile;

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

    /**
     * Keeps the issued sessions in {@code file} from now on, after taking over the unexpired ones a previous edge kept
     * there (the file is rewritten with just those). A session's identity policies are its role's as they are now.
     *
     * @param identityPoliciesOfRole the identity policies of a role, by role ARN
     */
    public synchronized void keepSessionsIn(Path file, Function<String, List<NamedPolicy>> identityPoliciesOfRole) {
        try {
            List<String> live = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Credentials kept = fromJson(JSON.readTree(line), identityPoliciesOfRole);
                    if (!expired(kept)) {
                        credentials.put(kept.accessKeyId(), kept);
                        live.add(line);
                    }
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, live, StandardCharsets.UTF_8);
            sessionsFile = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the edge's sessions in " + file, e);
        }
    }

    /** Issues temporary credentials for an assumed-role session (kept in the sessions file, if any, first). */
    public Credentials issue(Principal session) {
        Credentials issued = new Credentials("ASIA" + randomKeyId(), randomSecret(30), randomSecret(96), session);
        keep(issued);
        credentials.put(issued.accessKeyId(), issued);
        return issued;
    }

    private synchronized void keep(Credentials issued) {
        if (sessionsFile == null) {
            return;
        }
        try {
            sessionsFile.write(toJson(issued) + "\n");
            sessionsFile.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a session in the edge's sessions file", e);
        }
    }

    private static String toJson(Credentials issued) {
        Principal session = issued.principal();
        ObjectNode line = JSON.createObjectNode()
                .put("accessKeyId", issued.accessKeyId())
                .put("secretAccessKey", issued.secretAccessKey())
                .put("sessionToken", issued.sessionToken())
                .put("arn", session.arn())
                .put("roleArn", session.roleArn())
                .put("sessionName", session.sessionName())
                .put("expiration", session.expiration().toString());
        ObjectNode tags = line.putObject("tags");
        session.tags().forEach(tags::put);
        session.transitiveTagKeys().forEach(line.putArray("transitiveTagKeys")::add);
        session.sessionPolicy().ifPresent(policy -> line.putObject("sessionPolicy")
                .put("name", policy.name()).set("document", policy.document()));
        return line.toString();
    }

    private static Credentials fromJson(JsonNode line, Function<String, List<NamedPolicy>> identityPoliciesOfRole) {
        Map<String, String> tags = new LinkedHashMap<>();
        line.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        LinkedHashSet<String> transitive = new LinkedHashSet<>();
        line.path("transitiveTagKeys").forEach(key -> transitive.add(key.asText()));
        JsonNode policy = line.path("sessionPolicy");
        String roleArn = line.path("roleArn").asText();
        Principal session = new Principal(line.path("arn").asText(), roleArn, line.path("sessionName").asText(), tags,
                transitive, identityPoliciesOfRole.apply(roleArn),
                policy.isObject() ? Optional.of(new NamedPolicy(policy.path("name").asText(), policy.path("document")))
                        : Optional.empty(),
                false, Instant.parse(line.path("expiration").asText()));
        return new Credentials(line.path("accessKeyId").asText(), line.path("secretAccessKey").asText(),
                line.path("sessionToken").asText(), session);
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
