package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.shiptrack.iam.evaluator.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Resource-based policies (role trust policies): Principal and NotPrincipal matching. */
class ResourcePolicyTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/TrackingAccessRole";
    private static final String SERVICE_ROLE = "arn:aws:iam::123456789012:role/TrackingServiceRole";
    private static final String SERVICE_SESSION = "arn:aws:sts::123456789012:assumed-role/TrackingServiceRole/i-1";
    private static final NamedPolicy TRUST = policy("trust", """
            {"Sid":"TrackingServiceMayAssume","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::123456789012:role/TrackingServiceRole"},"Action":"sts:AssumeRole"}""",
            """
            {"Sid":"TrackingServiceMayTagTenant","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::123456789012:role/TrackingServiceRole"},"Action":"sts:TagSession",
             "Condition":{"StringLike":{"aws:RequestTag/TenantID":"*"}}}""");

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    private Outcome assume(String principal, String action, Map<String, List<String>> context, NamedPolicy policy) {
        return evaluator.evaluateResourcePolicy(new AuthorizationRequest(principal, action, ROLE, context), policy)
                .outcome();
    }

    @Test
    void shouldLetTheNamedRoleAndItsSessionsAssumeTheRole() {
        assertThat(evaluator.evaluateResourcePolicy(
                new AuthorizationRequest(SERVICE_SESSION, "sts:AssumeRole", ROLE, Map.of()), TRUST))
                .isEqualTo(new Decision(Outcome.ALLOWED, "trust", "TrackingServiceMayAssume"));
        assertThat(assume(SERVICE_ROLE, "sts:AssumeRole", Map.of(), TRUST)).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void shouldRefuseOtherRolesAndTheSameRoleNameInAnotherAccount() {
        assertThat(assume("arn:aws:sts::123456789012:assumed-role/ShipmentServiceRole/i-1", "sts:AssumeRole",
                Map.of(), TRUST)).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(assume("arn:aws:sts::210987654321:assumed-role/TrackingServiceRole/i-1", "sts:AssumeRole",
                Map.of(), TRUST)).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(assume("arn:aws:sts::123456789012:assumed-role/TrackingServiceRole2/i-1", "sts:AssumeRole",
                Map.of(), TRUST)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldLetTheServiceTagSessionsOnlyWithATenantTag() {
        assertThat(assume(SERVICE_SESSION, "sts:TagSession",
                Map.of("aws:RequestTag/TenantID", List.of("yellow")), TRUST)).isEqualTo(Outcome.ALLOWED);
        assertThat(assume(SERVICE_SESSION, "sts:TagSession", Map.of(), TRUST)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldLetTheAccountRootStandForEveryPrincipalOfTheAccount() {
        NamedPolicy root = policy("root",
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:*\"}");
        NamedPolicy accountId = policy("account",
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"123456789012\"]},\"Action\":\"sts:*\"}");

        assertThat(assume(SERVICE_SESSION, "sts:AssumeRole", Map.of(), root)).isEqualTo(Outcome.ALLOWED);
        assertThat(assume("arn:aws:iam::123456789012:user/alice", "sts:AssumeRole", Map.of(), accountId))
                .isEqualTo(Outcome.ALLOWED);
        assertThat(assume("arn:aws:sts::210987654321:assumed-role/TrackingServiceRole/i-1", "sts:AssumeRole",
                Map.of(), root)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldLetAWildcardPrincipalMatchAnyone() {
        NamedPolicy anyone = policy("anyone", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}");

        assertThat(assume("arn:aws:sts::210987654321:assumed-role/X/y", "sts:AssumeRole", Map.of(), anyone))
                .isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void shouldDenyEveryoneButTheNamedPrincipalWithNotPrincipal() {
        NamedPolicy onlyService = policy("only-service",
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:*\"}",
                "{\"Sid\":\"OnlyService\",\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + SERVICE_ROLE
                        + "\"},\"Action\":\"sts:*\"}");

        assertThat(assume(SERVICE_SESSION, "sts:AssumeRole", Map.of(), onlyService)).isEqualTo(Outcome.ALLOWED);
        assertThat(evaluator.evaluateResourcePolicy(new AuthorizationRequest(
                "arn:aws:iam::123456789012:user/alice", "sts:AssumeRole", ROLE, Map.of()), onlyService))
                .isEqualTo(new Decision(Outcome.EXPLICITLY_DENIED, "only-service", "OnlyService"));
    }

    @Test
    void shouldMatchAServicePrincipalByName() {
        NamedPolicy lambda = policy("lambda",
                "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}");

        assertThat(assume("lambda.amazonaws.com", "sts:AssumeRole", Map.of(), lambda)).isEqualTo(Outcome.ALLOWED);
        assertThat(assume(SERVICE_SESSION, "sts:AssumeRole", Map.of(), lambda)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldIgnoreAStatementWithoutPrincipalInAResourcePolicy() {
        NamedPolicy noPrincipal = policy("no-principal", "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}");

        assertThat(assume(SERVICE_SESSION, "sts:AssumeRole", Map.of(), noPrincipal))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
    }
}
