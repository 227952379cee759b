package dev.shiptrack.iam.evaluator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.shiptrack.iam.evaluator.TestPolicies.OBJECT;
import static dev.shiptrack.iam.evaluator.TestPolicies.context;
import static dev.shiptrack.iam.evaluator.TestPolicies.document;
import static dev.shiptrack.iam.evaluator.TestPolicies.evaluate;
import static dev.shiptrack.iam.evaluator.TestPolicies.policy;
import static dev.shiptrack.iam.evaluator.TestPolicies.request;
import static org.assertj.core.api.Assertions.assertThat;

/** How statements and policies combine into a decision, and how unreadable policies fail closed. */
class PolicyEvaluatorTest {

    private static final NamedPolicy ALLOW_S3 = policy("allow-s3",
            "{\"Sid\":\"ReadObjects\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");
    private static final AuthorizationRequest GET_OBJECT = request("s3:GetObject", OBJECT, Map.of());

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger(PolicyEvaluator.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(PolicyEvaluator.class.getName()).removeHandler(capture);
    }

    @Test
    void shouldDenyImplicitlyWhenNoStatementAllows() {
        Decision decision = evaluate(request("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:1:table/T", Map.of()),
                ALLOW_S3);

        assertThat(decision).isEqualTo(new Decision(Outcome.IMPLICITLY_DENIED, null, null));
    }

    @Test
    void shouldNameThePolicyAndSidOfTheAllowingStatement() {
        assertThat(evaluate(GET_OBJECT, ALLOW_S3)).isEqualTo(new Decision(Outcome.ALLOWED, "allow-s3", "ReadObjects"));
    }

    @Test
    void shouldNameAStatementWithoutSidByItsIndex() {
        NamedPolicy policy = policy("p", "{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, policy))
                .isEqualTo(new Decision(Outcome.EXPLICITLY_DENIED, "p", "#1"));
    }

    @Test
    void shouldLetAnExplicitDenyInAnyIdentityPolicyWinOverAllows() {
        NamedPolicy deny = policy("deny-untagged", """
                {"Sid":"DenySessionsWithoutTenant","Effect":"Deny","Action":"*","Resource":"*",
                 "Condition":{"Null":{"aws:PrincipalTag/TenantID":"true"}}}""");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, deny).outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(evaluate(request("s3:GetObject", OBJECT, context("aws:PrincipalTag/TenantID", "yellow")),
                ALLOW_S3, deny).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void shouldAllowOnlyWhatBothTheIdentityAndTheSessionPolicyAllow() {
        NamedPolicy onlyYellow = policy("session-yellow", """
                {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::tracking-documents/yellow/*"}""");

        assertThat(evaluator.evaluate(GET_OBJECT, List.of(ALLOW_S3), Optional.of(onlyYellow)))
                .isEqualTo(new Decision(Outcome.ALLOWED, "allow-s3", "ReadObjects"));
        assertThat(evaluator.evaluate(request("s3:GetObject", "arn:aws:s3:::tracking-documents/blue/x", Map.of()),
                List.of(ALLOW_S3), Optional.of(onlyYellow)).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(evaluator.evaluate(request("s3:PutObject", OBJECT, Map.of()), List.of(ALLOW_S3),
                Optional.of(onlyYellow)).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldNotLetABroaderSessionPolicyWidenTheIdentityPolicy() {
        NamedPolicy everything = policy("session-all", "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");

        assertThat(evaluator.evaluate(request("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:1:table/T", Map.of()),
                List.of(ALLOW_S3), Optional.of(everything)).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldLetAnExplicitDenyInTheSessionPolicyWin() {
        NamedPolicy noReads = policy("session-no-reads",
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
                "{\"Sid\":\"NoReads\",\"Effect\":\"Deny\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}");

        assertThat(evaluator.evaluate(GET_OBJECT, List.of(ALLOW_S3), Optional.of(noReads)))
                .isEqualTo(new Decision(Outcome.EXPLICITLY_DENIED, "session-no-reads", "NoReads"));
    }

    @Test
    void shouldAcceptASingleStatementObjectInsteadOfAList() {
        NamedPolicy single = document("single", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");

        assertThat(evaluate(GET_OBJECT, single).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void shouldIgnoreAnAllowWithAnUnsupportedOperatorAndLogIt() {
        NamedPolicy policy = policy("ip-bound", """
                {"Sid":"FromOffice","Effect":"Allow","Action":"*","Resource":"*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""");

        assertThat(evaluate(request("s3:GetObject", OBJECT, context("aws:SourceIp", "10.1.2.3")), policy).outcome())
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(warnings).singleElement().asString()
                .contains("ip-bound", "FromOffice", "IpAddress", "allows nothing");
    }

    @Test
    void shouldApplyADenyWithAnUnsupportedOperatorAndLogIt() {
        NamedPolicy deny = policy("deny-marked", """
                {"Sid":"NotMarked","Effect":"Deny","Action":"*","Resource":"*",
                 "Condition":{"BinaryEquals":{"aws:CurrentTime":"QmluYXJ5"}}}""");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, deny))
                .isEqualTo(new Decision(Outcome.EXPLICITLY_DENIED, "deny-marked", "NotMarked"));
        assertThat(warnings).singleElement().asString().contains("BinaryEquals", "taken to apply");
    }

    @Test
    void shouldNotApplyAnUnreadableDenyWhoseReadablePartsRuleTheRequestOut() {
        NamedPolicy deny = policy("deny-queues", """
                {"Effect":"Deny","Action":"sqs:*","Resource":"*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, deny).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldLetAConditionThatSurelyFailsSettleABlockWithAnUnsupportedOne() {
        NamedPolicy deny = policy("deny-blue", """
                {"Effect":"Deny","Action":"*","Resource":"*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},
                              "StringEquals":{"aws:PrincipalTag/TenantID":"blue"}}}""");

        assertThat(evaluate(request("s3:GetObject", OBJECT, context("aws:PrincipalTag/TenantID", "yellow")),
                ALLOW_S3, deny).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(evaluate(request("s3:GetObject", OBJECT, context("aws:PrincipalTag/TenantID", "blue")),
                ALLOW_S3, deny).outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
    }

    @Test
    void shouldIgnoreAMalformedAllowStatement() {
        NamedPolicy bothActionForms = policy("malformed",
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"sqs:*\",\"Resource\":\"*\"}",
                "{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Allow\",\"Action\":\"*\"}",
                "{\"Effect\":\"Allow\",\"Action\":\"s3\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"tracking-documents\"}");

        assertThat(evaluate(GET_OBJECT, bothActionForms).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(warnings).hasSize(5);
    }

    @Test
    void shouldRefuseAPrincipalInAnIdentityPolicy() {
        NamedPolicy withPrincipal = policy("p",
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}");

        assertThat(evaluate(GET_OBJECT, withPrincipal).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    @Test
    void shouldApplyAMalformedDenyStatement() {
        NamedPolicy deny = policy("deny", "{\"Sid\":\"Broken\",\"Effect\":\"Deny\",\"Action\":[\"s3:*\",42],\"Resource\":\"*\"}");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, deny))
                .isEqualTo(new Decision(Outcome.EXPLICITLY_DENIED, "deny", "Broken"));
    }

    @Test
    void shouldDenyEverythingForADocumentWithAnUnknownVersion() {
        NamedPolicy future = document("future", """
                {"Version":"2030-01-01","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, future))
                .isEqualTo(new Decision(Outcome.EXPLICITLY_DENIED, "future", "(unreadable document)"));
    }

    @Test
    void shouldDenyEverythingForADocumentWithoutReadableStatements() {
        NamedPolicy unreadable = document("unreadable", "{\"Version\":\"2012-10-17\",\"Statement\":\"Allow all\"}");

        assertThat(evaluate(GET_OBJECT, ALLOW_S3, unreadable).outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(evaluator.evaluate(GET_OBJECT, List.of(ALLOW_S3), Optional.of(document("empty", "[]"))).outcome())
                .isEqualTo(Outcome.EXPLICITLY_DENIED);
    }
}
