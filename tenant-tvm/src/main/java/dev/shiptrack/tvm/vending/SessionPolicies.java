package dev.shiptrack.tvm.vending;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import dev.shiptrack.iam.PolicyValidator;
import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.tenant.TenantId;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dynamic session policies (seed 003): the configured permission templates, hydrated for one tenant, merged,
 * validated and size-checked before they are ever sent to STS.
 */
@ApplicationScoped
// Caffeine instantiates its cache and node classes by name: the native image needs those of a size-bounded cache.
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMS",
        "com.github.benmanes.caffeine.cache.PSMS" })
public class SessionPolicies {

    /** Hash recorded for vends without a session policy. */
    public static final String NO_POLICY = "none";
    private static final String TENANT_PLACEHOLDER = "tenant";
    /** The longest possible tenant id gives the longest policy, so checking it at start checks every tenant. */
    private static final TenantId LONGEST_TENANT = new TenantId("z".repeat(32));

    private final List<ObjectNode> templates;
    private final Map<String, String> templateValues;
    private final Cache<TenantId, SessionPolicy> byTenant;

    public SessionPolicies(TvmConfig config) {
        this.templates = config.permissionTemplates().orElse(List.of()).stream()
                .map(PolicyDocuments::permissionTemplate)
                .toList();
        if (config.templateValues().containsKey(TENANT_PLACEHOLDER)) {
            throw new IllegalArgumentException("tenant-tvm.template-values must not set tenant: it is the vending tenant");
        }
        this.templateValues = Map.copyOf(config.templateValues());
        this.byTenant = Caffeine.newBuilder().maximumSize(config.cache().maxSize()).build();
        if (!templates.isEmpty()) {
            build(LONGEST_TENANT);
        }
    }

    /**
     * The session policy for a tenant, or empty when no permission templates are configured.
     *
     * @throws dev.shiptrack.iam.PolicyValidator.InvalidPolicyException if it is malformed or too long
     */
    public Optional<SessionPolicy> policyFor(TenantId tenant) {
        if (templates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byTenant.get(tenant, this::build));
    }

    private SessionPolicy build(TenantId tenant) {
        Map<String, String> values = new HashMap<>(templateValues);
        values.put(TENANT_PLACEHOLDER, tenant.value());
        List<ObjectNode> hydrated = new ArrayList<>(templates.size());
        for (ObjectNode template : templates) {
            hydrated.add(PolicyHydrator.hydrate(template, values));
        }
        String json = PolicyValidator.validateSessionPolicy(PolicyDocuments.merge(hydrated));
        return new SessionPolicy(json, sha256(json));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A session policy ready to send.
     *
     * @param json compact JSON, as sent to STS
     * @param hash SHA-256 of {@code json} (hex), recorded in audit events instead of the policy
     */
    public record SessionPolicy(String json, String hash) {
    }
}
