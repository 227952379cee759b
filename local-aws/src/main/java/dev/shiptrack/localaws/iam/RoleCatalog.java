package dev.shiptrack.localaws.iam;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import dev.shiptrack.iam.evaluator.NamedPolicy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles of one account. Besides the roles added explicitly it knows the per-tenant roles of seed 000
 * ({@code assumeRole-<tenant>}), hydrated from the tenant role documents on first use.
 */
public final class RoleCatalog {

    private static final Pattern TENANT_ROLE = Pattern.compile("assumeRole-([a-z0-9]{3,32})");

    private static final ObjectNode TRUSTS_NOBODY = JsonNodeFactory.instance.objectNode()
            .put("Version", "2012-10-17").set("Statement", JsonNodeFactory.instance.arrayNode());

    private final String account;
    private final Map<String, String> placeholders;
    private final boolean tenantRoles;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();

    /**
     * @param placeholders values for the {@code {{...}}} placeholders of the documents (account, region, table...)
     * @param tenantRoles  whether {@code assumeRole-<tenant>} roles exist
     */
    public RoleCatalog(String account, Map<String, String> placeholders, boolean tenantRoles) {
        this.account = account;
        this.placeholders = Map.copyOf(placeholders);
        this.tenantRoles = tenantRoles;
    }

    public String account() {
        return account;
    }

    public String arnOf(String roleName) {
        return "arn:aws:iam::" + account + ":role/" + roleName;
    }

    /** Adds a role whose documents are already hydrated. */
    public void add(String roleName, ObjectNode trustPolicy, List<ObjectNode> identityPolicies) {
        roles.put(roleName, new Role(roleName, arnOf(roleName),
                new NamedPolicy(roleName + "-trust", trustPolicy),
                identityPolicies.stream().map(policy -> new NamedPolicy(roleName + "-policy", policy)).toList()));
    }

    /**
     * Adds a role from documents in {@code deploy/iam} (names as in {@link PolicyDocuments}).
     *
     * @param trustDocument null for a role nobody may assume through the edge (its sessions come from long-term keys)
     */
    public void addFromDocuments(String roleName, String trustDocument, String... identityDocuments) {
        roles.put(roleName, new Role(roleName, arnOf(roleName), trustDocument == null
                ? new NamedPolicy(roleName + "-trust", TRUSTS_NOBODY)
                : new NamedPolicy(trustDocument, hydrate(trustDocument, placeholders)),
                java.util.Arrays.stream(identityDocuments)
                        .map(document -> new NamedPolicy(document, hydrate(document, placeholders))).toList()));
    }

    /** Every role known so far, by name: those added, and the per-tenant roles used since the start. */
    public List<Role> roles() {
        return roles.values().stream().sorted(Comparator.comparing(Role::name)).toList();
    }

    /** The role with this ARN, in this account. */
    public Optional<Role> byArn(String roleArn) {
        String prefix = "arn:aws:iam::" + account + ":role/";
        if (roleArn == null || !roleArn.startsWith(prefix)) {
            return Optional.empty();
        }
        return byName(roleArn.substring(prefix.length()));
    }

    public Optional<Role> byName(String roleName) {
        Role role = roles.get(roleName);
        if (role != null) {
            return Optional.of(role);
        }
        Matcher tenant = TENANT_ROLE.matcher(roleName);
        if (!tenantRoles || !tenant.matches()) {
            return Optional.empty();
        }
        return Optional.of(roles.computeIfAbsent(roleName, name -> tenantRole(name, tenant.group(1))));
    }

    private Role tenantRole(String roleName, String tenant) {
        Map<String, String> values = new HashMap<>(placeholders);
        values.put("tenant", tenant);
        return new Role(roleName, arnOf(roleName),
                new NamedPolicy(PolicyDocuments.TENANT_ROLE_TRUST, hydrate(PolicyDocuments.TENANT_ROLE_TRUST, values)),
                List.of(new NamedPolicy(PolicyDocuments.TENANT_ROLE_POLICY,
                        hydrate(PolicyDocuments.TENANT_ROLE_POLICY, values))));
    }

    private static ObjectNode hydrate(String document, Map<String, String> values) {
        return PolicyHydrator.hydrate(PolicyDocuments.load(document), values);
    }
}
