package dev.shiptrack.localaws.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyValidator;
import dev.shiptrack.iam.evaluator.Decision;
import dev.shiptrack.iam.evaluator.NamedPolicy;
import dev.shiptrack.localaws.http.AwsErrors;
import dev.shiptrack.localaws.http.QueryWireFormat;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.ServiceHandler;
import dev.shiptrack.localaws.http.WireFormat;
import dev.shiptrack.localaws.iam.AccessCheck;
import dev.shiptrack.localaws.iam.Authorizer;
import dev.shiptrack.localaws.iam.Principal;
import dev.shiptrack.localaws.iam.Role;
import dev.shiptrack.localaws.iam.RoleCatalog;
import dev.shiptrack.localaws.sigv4.CredentialStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** STS on the query protocol: AssumeRole (with session tags and a session policy) and GetCallerIdentity. */
public final class StsHandler implements ServiceHandler {

    /** Longest session of the project's roles: the default maximum session duration of a role. */
    public static final int MAX_DURATION_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueryWireFormat wireFormat = new QueryWireFormat("https://sts.amazonaws.com/doc/2011-06-15/");
    private final RoleCatalog roles;
    private final CredentialStore credentials;
    private final Authorizer authorizer;
    private final Clock clock;

    public StsHandler(RoleCatalog roles, CredentialStore credentials, Authorizer authorizer, Clock clock) {
        this.roles = roles;
        this.credentials = credentials;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public void handle(HttpServerRequest request, Principal caller, Buffer payload) {
        Map<String, String> parameters = QueryWireFormat.parameters(request, payload);
        HttpServerResponse response = request.response();
        switch (parameters.getOrDefault("Action", "")) {
            case "AssumeRole" -> assumeRole(parameters, caller, response);
            case "GetCallerIdentity" -> wireFormat.respond(response, "GetCallerIdentity", "<Arn>" + AwsErrors.xml(caller.arn())
                    + "</Arn><UserId>" + AwsErrors.xml(userId(caller)) + "</UserId><Account>" + caller.account()
                    + "</Account>");
            default -> wireFormat.refuse(response, Refusal.NOT_IMPLEMENTED,
                    "Could not find operation " + parameters.get("Action") + " for version 2011-06-15");
        }
    }

    private void assumeRole(Map<String, String> parameters, Principal caller, HttpServerResponse response) {
        List<String> violations = AssumeRoleParameters.violations(parameters);
        if (!violations.isEmpty()) {
            wireFormat.refuse(response, Refusal.MALFORMED, AssumeRoleParameters.message(violations));
            return;
        }
        String roleArn = parameters.get("RoleArn");
        String sessionName = parameters.get("RoleSessionName");
        if (parameters.keySet().stream().anyMatch(name -> name.startsWith("PolicyArns."))) {
            wireFormat.refuse(response, Refusal.NOT_IMPLEMENTED, "PolicyArns is not supported by the local edge");
            return;
        }
        int duration = Integer.parseInt(parameters.getOrDefault("DurationSeconds", "3600"));
        if (duration > MAX_DURATION_SECONDS) {
            wireFormat.refuse(response, Refusal.MALFORMED, "The requested DurationSeconds exceeds the "
                    + "MaxSessionDuration set for this role.");
            return;
        }

        Map<String, String> tags = new LinkedHashMap<>(inheritedTags(caller));
        Set<String> transitive = new LinkedHashSet<>(inheritedTags(caller).keySet());
        for (int i = 1; parameters.containsKey("Tags.member." + i + ".Key"); i++) {
            String key = parameters.get("Tags.member." + i + ".Key");
            String value = parameters.getOrDefault("Tags.member." + i + ".Value", "");
            if (tags.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(key))) {
                wireFormat.refuse(response, Refusal.MALFORMED, "Tag key " + key + " is repeated (keys are "
                        + "case-insensitive, and transitive tags of the caller cannot be overridden)");
                return;
            }
            tags.put(key, value);
        }
        for (int i = 1; parameters.containsKey("TransitiveTagKeys.member." + i); i++) {
            String key = parameters.get("TransitiveTagKeys.member." + i);
            if (!tags.containsKey(key)) {
                wireFormat.refuse(response, Refusal.MALFORMED, "Transitive tag key " + key + " is not a session tag");
                return;
            }
            transitive.add(key);
        }
        if (tags.size() > AssumeRoleParameters.MAX_TAGS) {
            // The caller's transitive tags count too: together they no longer fit the packed session.
            wireFormat.error(response, 400, "PackedPolicyTooLarge", "Session tags exceed "
                    + AssumeRoleParameters.MAX_TAGS + " tags");
            return;
        }

        Optional<NamedPolicy> sessionPolicy = Optional.empty();
        if (parameters.containsKey("Policy")) {
            JsonNode policy;
            try {
                policy = JSON.readTree(parameters.get("Policy"));
                PolicyValidator.validateIdentityPolicy(policy);
            } catch (IOException | PolicyValidator.InvalidPolicyException e) {
                wireFormat.error(response, 400, "MalformedPolicyDocument", "The policy is not valid: "
                        + e.getMessage());
                return;
            }
            int size = PolicyDocuments.compact(policy).length();
            if (size > PolicyValidator.SESSION_POLICY_MAX_CHARS) {
                wireFormat.error(response, 400, "PackedPolicyTooLarge", "Packed size of the session policy ("
                        + size + " characters) exceeds " + PolicyValidator.SESSION_POLICY_MAX_CHARS);
                return;
            }
            sessionPolicy = Optional.of(new NamedPolicy("session-policy", policy));
        }

        Optional<Role> role = roles.byArn(roleArn);
        Map<String, List<String>> context = new HashMap<>();
        tags.forEach((key, value) -> context.put("aws:RequestTag/" + key, List.of(value)));
        context.put("aws:TagKeys", List.copyOf(tags.keySet()));
        context.put("sts:RoleSessionName", List.of(sessionName));
        context.put("sts:TransitiveTagKeys", List.copyOf(transitive));
        List<String> actions = tags.isEmpty() ? List.of("sts:AssumeRole") : List.of("sts:AssumeRole", "sts:TagSession");
        for (String action : actions) {
            AccessCheck check = new AccessCheck(action, roleArn, context);
            Optional<String> identityDenial = authorizer.firstDenial(caller, List.of(check));
            if (identityDenial.isPresent()) {
                wireFormat.refuse(response, Refusal.ACCESS_DENIED, identityDenial.get());
                return;
            }
            if (role.isEmpty()) {
                wireFormat.refuse(response, Refusal.ACCESS_DENIED, Authorizer.notAuthorized(caller, check));
                return;
            }
            Decision trust = authorizer.authorizeByTrustPolicy(caller, check, role.get().trustPolicy());
            if (!trust.allowed()) {
                wireFormat.refuse(response, Refusal.ACCESS_DENIED, Authorizer.notAuthorized(caller, check)
                        + " because the role's trust policy does not allow it");
                return;
            }
        }

        Instant expiration = clock.instant().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
        String sessionArn = "arn:aws:sts::" + roles.account() + ":assumed-role/" + role.get().name() + "/" + sessionName;
        Principal session = new Principal(sessionArn, role.get().arn(), sessionName, tags, transitive,
                role.get().identityPolicies(), sessionPolicy, false, expiration);
        CredentialStore.Credentials issued = credentials.issue(session);
        credentials.evictExpired();
        wireFormat.respond(response, "AssumeRole", "<AssumedRoleUser><Arn>" + AwsErrors.xml(sessionArn) + "</Arn>"
                + "<AssumedRoleId>" + AwsErrors.xml(userId(session)) + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + issued.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
                + AwsErrors.xml(issued.secretAccessKey()) + "</SecretAccessKey><SessionToken>"
                + AwsErrors.xml(issued.sessionToken()) + "</SessionToken><Expiration>" + expiration
                + "</Expiration></Credentials><PackedPolicySize>"
                + sessionPolicy.map(policy -> PolicyDocuments.compact(policy.document()).length() * 100
                / PolicyValidator.SESSION_POLICY_MAX_CHARS).orElse(0) + "</PackedPolicySize>");
    }

    /** Tags of a calling session marked transitive: they carry over into the session it starts (role chaining). */
    private static Map<String, String> inheritedTags(Principal caller) {
        Map<String, String> inherited = new LinkedHashMap<>();
        caller.transitiveTagKeys().forEach(key -> inherited.put(key, caller.tags().get(key)));
        return inherited;
    }

    /** A stable role id ({@code AROA...}) and, for a session, its name: the {@code aws:userid} of IAM. */
    private static String userId(Principal principal) {
        String id = Role.idOf(principal.roleArn());
        if (principal.accountRoot()) {
            return principal.account();
        }
        return principal.sessionName() == null ? id : id + ":" + principal.sessionName();
    }
}
