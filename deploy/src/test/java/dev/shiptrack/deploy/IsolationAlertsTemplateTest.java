package dev.shiptrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shiptrack.watchdog.CloudTrailAlertHandler;
import dev.shiptrack.watchdog.WatchdogSettings;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The isolation watchdog on AWS: what the trail records, what each rule matches, where the alerts go. */
class IsolationAlertsTemplateTest {

    private static final List<String> ACCESS_ROLES = List.of("TrackingAccessRole", "ShipmentAccessRole",
            "TenantProvisioningRole");

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldRecordManagementEventsAndOnlyTheTenantStoresDataEvents(Compute compute) {
        JsonNode selectors = only(compute, "AWS::CloudTrail::Trail").path("AdvancedEventSelectors");

        assertThat(selectors.findValuesAsText("Name"))
                .containsExactly("management events", "tenant table", "tenant documents");
        assertThat(selectors.get(1).toString()).contains("AWS::DynamoDB::Table", "\"Fn::GetAtt\"",
                logicalIdOf(compute, "AWS::DynamoDB::Table"));
        assertThat(selectors.get(2).toString()).contains("AWS::S3::Object", "StartsWith");
        template(compute).hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
                "IncludeGlobalServiceEvents", true, "EnableLogFileValidation", true,
                "CloudWatchLogsLogGroupArn", Match.anyValue()));
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAlertOnAnAssumeRoleOfAnAccessRoleWithoutSessionTags(Compute compute) {
        JsonNode rule = rule(compute, "isolation.session-without-tenant");
        JsonNode detail = rule.path("EventPattern").path("detail");

        assertThat(rule.path("EventPattern").path("source").toString()).isEqualTo("[\"aws.sts\"]");
        assertThat(detail.path("eventName").toString()).isEqualTo("[\"AssumeRole\"]");
        assertThat(detail.path("requestParameters").path("tags").toString()).isEqualTo("[{\"exists\":false}]");
        assertThat(roleReferences(detail.path("requestParameters").path("roleArn"))).isEqualTo(accessRoleIds(compute));
        assertPublishesToTheTopic(compute, rule);
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldAlertOnEveryAccessDeniedOfATenantSession(Compute compute) {
        JsonNode rule = rule(compute, "isolation.tenant-session-denied");
        JsonNode detail = rule.path("EventPattern").path("detail");

        assertThat(detail.path("errorCode").toString()).isEqualTo("[{\"prefix\":\"AccessDenied\"}]");
        assertThat(roleReferences(detail.path("userIdentity").path("sessionContext").path("sessionIssuer")
                .path("arn"))).isEqualTo(accessRoleIds(compute));
        assertPublishesToTheTopic(compute, rule);
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldRaiseTheBurstAlarmOnTenDenialsOfTenantSessionsWithinAMinute(Compute compute) {
        JsonNode filter = only(compute, "AWS::Logs::MetricFilter");
        String pattern = filter.path("FilterPattern").toString();
        JsonNode alarm = only(compute, "AWS::CloudWatch::Alarm");

        assertThat(pattern).contains("AccessDenied*", "sessionIssuer.arn");
        accessRoleIds(compute).forEach(role -> assertThat(pattern).contains(role));
        assertThat(filter.path("MetricTransformations").get(0).path("MetricName").asText())
                .isEqualTo(IsolationAlerts.DENIALS_METRIC);
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(IsolationAlerts.BURST_THRESHOLD);
        assertThat(alarm.path("Period").asInt()).isEqualTo(60);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(alarm.path("AlarmActions").toString()).contains(topicId(compute));
    }

    /** The topic's policy replaces SNS's default one: only what it names may publish, the function by its role. */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldLetOnlyTheTwoRulesAndTheBurstAlarmPublishThroughTheTopicPolicy(Compute compute) {
        JsonNode statements = only(compute, "AWS::SNS::TopicPolicy").path("PolicyDocument").path("Statement");
        List<JsonNode> allows = TemplatePolicies.statements(only(compute, "AWS::SNS::TopicPolicy")
                .path("PolicyDocument")).stream().filter(s -> s.path("Effect").asText().equals("Allow")).toList();

        assertThat(allows).extracting(allow -> allow.path("Principal").path("Service").asText())
                .containsExactlyInAnyOrder("events.amazonaws.com", "cloudwatch.amazonaws.com");
        assertThat(allows).filteredOn(allow -> allow.path("Principal").path("Service").asText()
                .equals("events.amazonaws.com")).singleElement().satisfies(allow -> assertThat(allow.path("Condition")
                        .path("ArnEquals").path("aws:SourceArn").toString())
                        .contains(logicalIdOfRule(compute, "isolation.session-without-tenant"),
                                logicalIdOfRule(compute, "isolation.tenant-session-denied")));
        assertThat(allows).filteredOn(allow -> allow.path("Principal").path("Service").asText()
                .equals("cloudwatch.amazonaws.com")).singleElement().satisfies(allow -> {
                    assertThat(TemplatePolicies.referencedId(allow.path("Condition").path("ArnEquals")
                            .path("aws:SourceArn"))).isEqualTo(logicalIdOf(compute, "AWS::CloudWatch::Alarm"));
                    assertThat(allow.path("Condition").path("StringEquals").path("aws:SourceAccount").toString())
                            .contains("AWS::AccountId");
                });
        assertThat(statements.toString()).as("publishing without TLS refused").contains("aws:SecureTransport");
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldJudgeEveryTaggedSessionOfAnApplicationRoleInTheWatchdogFunction(Compute compute) {
        JsonNode rule = rule(compute, "isolation.tenant-not-active");
        JsonNode detail = rule.path("EventPattern").path("detail");
        String function = watchdogFunctionId(compute);
        JsonNode properties = resources(compute).path(function).path("Properties");
        JsonNode environment = properties.path("Environment").path("Variables");

        assertThat(detail.path("eventName").toString()).isEqualTo("[\"AssumeRole\"]");
        assertThat(detail.path("errorCode").toString()).as("refused calls granted no session")
                .isEqualTo("[{\"exists\":false}]");
        assertThat(detail.path("requestParameters").path("tags").toString()).isEqualTo("[{\"exists\":true}]");
        assertThat(roleReferences(detail.path("requestParameters").path("roleArn"))).isEqualTo(List.of(
                TenantAccessRolesTemplateTest.logicalIdOfRole(compute, "TrackingAccessRole"),
                TenantAccessRolesTemplateTest.logicalIdOfRole(compute, "ShipmentAccessRole")));
        assertThat(TemplatePolicies.referencedId(rule.path("Targets").get(0).path("Arn"))).isEqualTo(function);
        template(compute).hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com",
                "FunctionName", Map.of("Fn::GetAtt", List.of(function, "Arn")),
                "SourceArn", Map.of("Fn::GetAtt", List.of(logicalIdOfRule(compute, "isolation.tenant-not-active"),
                        "Arn"))));

        assertThat(properties.path("Runtime").asText()).isEqualTo("java21");
        assertThat(properties.path("Handler").asText()).isEqualTo(CloudTrailAlertHandler.class.getName()
                + "::handleRequest");
        assertThat(environment.path(WatchdogSettings.APPLICATION_ROLES).toString()).contains("Fn::Join",
                TenantAccessRolesTemplateTest.logicalIdOfRole(compute, "TrackingAccessRole"));
        assertThat(TemplatePolicies.referencedId(environment.path(WatchdogSettings.TENANT_TABLE)))
                .isEqualTo(logicalIdOf(compute, "AWS::DynamoDB::Table"));
        assertThat(TemplatePolicies.referencedId(environment.path(WatchdogSettings.ALERT_TOPIC)))
                .isEqualTo(topicId(compute));
    }

    /** Its own role: logs, the status items (the document IsolationWatchdogPolicyTest evaluates), the topic. */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldLetTheWatchdogReadStatusItemsAndPublishAlertsOnly(Compute compute) {
        String role = TemplatePolicies.referencedId(resources(compute).path(watchdogFunctionId(compute))
                .path("Properties").path("Role"));
        List<JsonNode> statements = new ArrayList<>();
        resources(compute).fields().forEachRemaining(resource -> {
            JsonNode value = resource.getValue();
            if (value.path("Type").asText().equals("AWS::IAM::Policy")
                    && value.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
                statements.addAll(TemplatePolicies.statements(value.path("Properties").path("PolicyDocument")));
            }
        });

        assertThat(statements).extracting(statement -> TemplatePolicies.strings(statement.path("Action")))
                .containsExactlyInAnyOrder(List.of("dynamodb:GetItem"), List.of("sns:Publish"));
        assertThat(statements).filteredOn(statement -> statement.path("Action").asText().equals("dynamodb:GetItem"))
                .singleElement().satisfies(statement -> assertThat(statement.path("Condition").toString())
                        .contains("*#_tenant", "\"Null\""));
        assertThat(statements).filteredOn(statement -> statement.path("Action").asText().equals("sns:Publish"))
                .singleElement().satisfies(statement -> assertThat(TemplatePolicies.referencedId(
                        statement.path("Resource"))).isEqualTo(topicId(compute)));
        assertThat(resources(compute).path(role).path("Properties").path("ManagedPolicyArns").toString())
                .contains("AWSLambdaBasicExecutionRole");
    }

    private static String watchdogFunctionId(Compute compute) {
        Map<String, Map<String, Object>> found = template(compute).findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("FunctionName",
                        "isolation-watchdog-" + SynthesizedStacks.of(compute).settings().stage())));
        assertThat(found).hasSize(1);
        return found.keySet().iterator().next();
    }

    private static void assertPublishesToTheTopic(Compute compute, JsonNode rule) {
        JsonNode target = rule.path("Targets").get(0);
        assertThat(TemplatePolicies.referencedId(target.path("Arn"))).isEqualTo(topicId(compute));
        assertThat(target.path("InputTransformer").path("InputTemplate").asText())
                .startsWith("\"" + rule.path("Description").asText() + ": ");
    }

    private static JsonNode rule(Compute compute, String alert) {
        return resources(compute).path(logicalIdOfRule(compute, alert)).path("Properties");
    }

    private static String logicalIdOfRule(Compute compute, String alert) {
        Map<String, Map<String, Object>> rules = template(compute).findResources("AWS::Events::Rule",
                Map.of("Properties", Map.of("Description", alert)));
        assertThat(rules).as(alert).hasSize(1);
        return rules.keySet().iterator().next();
    }

    private static List<String> roleReferences(JsonNode arns) {
        return StreamSupport.stream(arns.spliterator(), false)
                .map(TemplatePolicies::referencedId).toList();
    }

    private static List<String> accessRoleIds(Compute compute) {
        return ACCESS_ROLES.stream().map(role -> TenantAccessRolesTemplateTest.logicalIdOfRole(compute, role)).toList();
    }

    private static String topicId(Compute compute) {
        return logicalIdOf(compute, "AWS::SNS::Topic");
    }

    private static String logicalIdOf(Compute compute, String type) {
        Map<String, Map<String, Object>> found = template(compute).findResources(type);
        assertThat(found).as(type).hasSize(1);
        return found.keySet().iterator().next();
    }

    private static JsonNode only(Compute compute, String type) {
        return resources(compute).path(logicalIdOf(compute, type)).path("Properties");
    }

    private static JsonNode resources(Compute compute) {
        return SynthesizedStacks.of(compute).resources();
    }

    private static Template template(Compute compute) {
        return SynthesizedStacks.of(compute).template();
    }
}
