package dev.shiptrack.localaws.iam;

import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.evaluator.NamedPolicy;
import dev.shiptrack.localaws.http.AwsErrors;
import dev.shiptrack.localaws.http.QueryWireFormat;
import dev.shiptrack.localaws.http.Refusal;
import dev.shiptrack.localaws.http.ServiceHandler;
import dev.shiptrack.localaws.http.WireFormat;
import dev.shiptrack.localaws.sigv4.SigV4;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's read side on the query protocol, for auditing what the edge enforces with standard tooling:
 * {@code GetAccountAuthorizationDetails} lists every role the edge knows with its trust policy and identity policies
 * exactly as hydrated and enforced ({@code aws iam get-account-authorization-details --endpoint-url ...}). Nothing
 * here changes a role: the edge's IAM is the files of {@code deploy/iam}, and no API writes it.
 */
public final class IamHandler implements ServiceHandler {

    private static final String ACTION = "GetAccountAuthorizationDetails";

    private final QueryWireFormat wireFormat = new QueryWireFormat("https://iam.amazonaws.com/doc/2010-05-08/");
    private final RoleCatalog roles;
    private final Authorizer authorizer;
    private final Instant created;

    /** @param created the roles' creation date in the answers (the edge's start) */
    public IamHandler(RoleCatalog roles, Authorizer authorizer, Instant created) {
        this.roles = roles;
        this.authorizer = authorizer;
        this.created = created;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public void handle(HttpServerRequest request, Principal caller, Buffer payload) {
        Map<String, String> parameters = QueryWireFormat.parameters(request, payload);
        String action = parameters.getOrDefault("Action", "");
        if (!action.equals(ACTION)) {
            wireFormat.refuse(request.response(), Refusal.NOT_IMPLEMENTED, "The local edge serves only " + ACTION
                    + " of IAM, not " + action);
            return;
        }
        AccessCheck check = AccessCheck.of("iam:" + ACTION, "*");
        Optional<String> denial = authorizer.firstDenial(caller, List.of(check));
        if (denial.isPresent()) {
            wireFormat.refuse(request.response(), Refusal.ACCESS_DENIED, denial.get());
            return;
        }
        StringBuilder details = new StringBuilder("<IsTruncated>false</IsTruncated><RoleDetailList>");
        for (Role role : roles.roles()) {
            details.append("<member><Path>/</Path><RoleName>").append(AwsErrors.xml(role.name()))
                    .append("</RoleName><RoleId>").append(Role.idOf(role.arn())).append("</RoleId><Arn>")
                    .append(AwsErrors.xml(role.arn())).append("</Arn><CreateDate>").append(created)
                    .append("</CreateDate><AssumeRolePolicyDocument>").append(encoded(role.trustPolicy()))
                    .append("</AssumeRolePolicyDocument><RolePolicyList>");
            for (NamedPolicy policy : role.identityPolicies()) {
                details.append("<member><PolicyName>").append(AwsErrors.xml(policy.name()))
                        .append("</PolicyName><PolicyDocument>").append(encoded(policy))
                        .append("</PolicyDocument></member>");
            }
            details.append("</RolePolicyList><AttachedManagedPolicies/><InstanceProfileList/></member>");
        }
        details.append("</RoleDetailList><UserDetailList/><GroupDetailList/><Policies/>");
        wireFormat.respond(request.response(), ACTION, details.toString());
    }

    /** IAM returns policy documents URL-encoded (RFC 3986). */
    private static String encoded(NamedPolicy policy) {
        return AwsErrors.xml(SigV4.uriEncode(PolicyDocuments.compact(policy.document()), true));
    }
}
