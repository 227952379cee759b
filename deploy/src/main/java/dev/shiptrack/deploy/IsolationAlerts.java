package dev.shiptrack.deploy;

import java.util.List;
import java.util.Map;

import dev.shiptrack.iam.PolicyDocuments;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.logs.MetricFilterOptions;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucketPolicy;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The isolation watchdog on AWS (issue 13), the counterpart of the local edge's {@code IsolationWatchdog}: a detective
 * control beside the preventive ones, built from CloudTrail, EventBridge and CloudWatch so that it watches whatever
 * the application does. One SNS topic receives:
 * <ul>
 * <li>{@code isolation.session-without-tenant}: an AssumeRole of a tenant access role without session tags (the
 * trust policies refuse it; the attempt itself is the alert);</li>
 * <li>{@code isolation.tenant-session-denied}: any AccessDenied of a tenant session on DynamoDB or S3, which means a
 * request crossed its tenant's partition or prefix (a bug or an attack);</li>
 * <li>{@code isolation.denial-burst}: an alarm on ten or more such denials within a minute;</li>
 * <li>{@code isolation.tenant-not-active}: from a function that reads the tenant's status item.</li>
 * </ul>
 * The trail records management events and the data events of the tenant table and bucket (DynamoDB and S3 data
 * events cost per event: docs/deploy.md). OpenSearch's HTTP API is not in CloudTrail; its refusals would need the
 * domain's audit logs.
 */
public final class IsolationAlerts extends Construct {

    static final String METRIC_NAMESPACE = "ShipTrack/Isolation";
    static final String DENIALS_METRIC = "TenantSessionDenials";
    static final int BURST_THRESHOLD = 10;
    /** The function's entry point in module isolation-watchdog-function. */
    static final String WATCHDOG_HANDLER = "dev.shiptrack.watchdog.CloudTrailAlertHandler::handleRequest";
    private static final String CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";

    private final Topic topic;

    /** @param placeholders the policy documents' placeholder values, as {@link TenantAccessRoles} gets them */
    public IsolationAlerts(Construct scope, String id, DeploymentSettings settings, TenantAccessRoles roles,
            DataStores data, Map<String, String> placeholders) {
        super(scope, id);
        String stage = settings.stage();
        List<String> accessRoles = List.of(roles.trackingAccessRole().getRoleArn(),
                roles.shipmentAccessRole().getRoleArn(), roles.tenantProvisioningRole().getRoleArn());

        topic = Topic.Builder.create(this, "Topic").topicName("isolation-alerts-" + stage)
                .displayName("ShipTrack isolation alerts (" + stage + ")").enforceSsl(true).build();

        LogGroup trailLogs = LogGroup.Builder.create(this, "TrailLogs")
                .logGroupName("/shiptrack/" + stage + "/cloudtrail")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        String trailName = "shiptrack-isolation-" + stage;
        Trail trail = Trail.Builder.create(this, "Trail")
                .trailName(trailName)
                .sendToCloudWatchLogs(true)
                .cloudWatchLogGroup(trailLogs)
                .includeGlobalServiceEvents(true)
                .enableFileValidation(true)
                .build();
        bindLogBucketToThisTrail(trail, trailName);
        // Data events of the two tenant stores only; advanced selectors are the only way to name a table.
        ((CfnTrail) trail.getNode().getDefaultChild()).setAdvancedEventSelectors(List.of(
                CfnTrail.AdvancedEventSelectorProperty.builder().name("management events")
                        .fieldSelectors(List.of(field("eventCategory", "Management"))).build(),
                dataEvents("tenant table", "AWS::DynamoDB::Table",
                        CfnTrail.AdvancedFieldSelectorProperty.builder().field("resources.ARN")
                                .equalTo(List.of(data.table().getTableArn())).build()),
                dataEvents("tenant documents", "AWS::S3::Object",
                        CfnTrail.AdvancedFieldSelectorProperty.builder().field("resources.ARN")
                                .startsWith(List.of(data.bucket().getBucketArn() + "/")).build())));

        CfnRule withoutTenant = rule("SessionWithoutTenant", "isolation.session-without-tenant",
                Map.of("source", List.of("aws.sts"), "detail-type", List.of(CLOUDTRAIL_API_CALL),
                        "detail", Map.of("eventName", List.of("AssumeRole"),
                                "requestParameters", Map.of("roleArn", accessRoles,
                                        "tags", List.of(Map.of("exists", false))))),
                "<caller> assumed <role> without session tags",
                Map.of("caller", "$.detail.userIdentity.arn", "role", "$.detail.requestParameters.roleArn"));
        CfnRule denied = rule("TenantSessionDenied", "isolation.tenant-session-denied",
                Map.of("source", List.of("aws.dynamodb", "aws.s3"), "detail-type", List.of(CLOUDTRAIL_API_CALL),
                        "detail", Map.of("errorCode", List.of(Map.of("prefix", "AccessDenied")),
                                "userIdentity", Map.of("sessionContext", Map.of("sessionIssuer",
                                        Map.of("arn", accessRoles))))),
                "<session> was denied <action> on <resources>",
                Map.of("session", "$.detail.userIdentity.arn", "action", "$.detail.eventName",
                        "resources", "$.detail.resources"));
        // EventBridge may publish for these two rules only.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("IsolationRulesPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn",
                        List.of(withoutTenant.getAttrArn(), denied.getAttrArn()))))
                .build());

        tenantSessionWatchdog(settings, data, placeholders, List.of(roles.trackingAccessRole().getRoleArn(),
                roles.shipmentAccessRole().getRoleArn()));

        MetricFilter denials = trailLogs.addMetricFilter("TenantSessionDenials",
                MetricFilterOptions.builder()
                        .filterPattern(FilterPattern.literal("{ ($.errorCode = \"AccessDenied*\") && ("
                                + String.join(" || ", accessRoles.stream()
                                        .map(arn -> "$.userIdentity.sessionContext.sessionIssuer.arn = \"" + arn + "\"")
                                        .toList()) + ") }"))
                        .metricNamespace(METRIC_NAMESPACE)
                        .metricName(DENIALS_METRIC)
                        .metricValue("1")
                        .defaultValue(0)
                        .build());
        Alarm burst = denials.metric(MetricOptions.builder()
                        .statistic("Sum").period(Duration.minutes(1)).build())
                .createAlarm(this, "DenialBurst", CreateAlarmOptions.builder()
                        .alarmName("isolation-denial-burst-" + stage)
                        .alarmDescription("isolation.denial-burst: " + BURST_THRESHOLD
                                + " or more denials of tenant sessions within a minute")
                        .threshold(BURST_THRESHOLD)
                        .evaluationPeriods(1)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
        burst.addAlarmAction(new SnsAction(topic));
        // The topic's own policy replaces SNS's default one, so CloudWatch needs a grant to publish this alarm.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenialBurstAlarmPublishes")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", burst.getAlarmArn()),
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
    }

    public Topic topic() {
        return topic;
    }

    /**
     * {@code isolation.tenant-not-active}, which no event pattern can judge: a session of an application access role
     * granted for a tenant that is not ACTIVE. A function (module isolation-watchdog-function) reads the tenant's
     * status item with the local watchdog's rule and publishes to the topic; it may read status items and nothing else
     * ({@code deploy/iam/isolation-watchdog-role-policy.json}). Only sessions with tags reach it: the rule above
     * alerts on the others.
     */
    private void tenantSessionWatchdog(DeploymentSettings settings, DataStores data, Map<String, String> placeholders,
            List<String> applicationRoles) {
        Function function = Function.Builder.create(this, "TenantSessionWatchdog")
                .functionName("isolation-watchdog-" + settings.stage())
                .description("isolation.tenant-not-active: judges AssumeRole events of the application access roles")
                .runtime(Runtime.JAVA_21)
                .handler(WATCHDOG_HANDLER)
                .code(settings.lambdaCode(settings.watchdogFunctionJar(), settings.hasWatchdogFunctionJar(),
                        "./mvnw -pl isolation-watchdog-function -am package"))
                .memorySize(512)
                // Two tries of each AWS call (5 s each at most) and the JVM's start fit.
                .timeout(Duration.seconds(30))
                .environment(Map.of(
                        "APPLICATION_ROLE_ARNS", Fn.join(",", applicationRoles),
                        "TENANT_TABLE", data.table().getTableName(),
                        "ALERT_TOPIC_ARN", topic.getTopicArn()))
                .build();
        if (!settings.hasWatchdogFunctionJar()) {
            Annotations.of(function).addWarningV2("shiptrack:placeholder-code", "the isolation watchdog function uses"
                    + " placeholder code: build it with ./mvnw -pl isolation-watchdog-function -am package, then"
                    + " synth again");
        }
        Policy.Builder.create(this, "TenantSessionWatchdogPolicy")
                .policyName("IsolationWatchdogRolePolicy")
                .document(new PolicyBinder(placeholders)
                        .identityPolicy(PolicyDocuments.ISOLATION_WATCHDOG_ROLE_POLICY))
                .roles(List.of(function.getRole()))
                .build();
        topic.grantPublish(function);

        CfnRule judged = CfnRule.Builder.create(this, "TenantNotActive")
                .description("isolation.tenant-not-active")
                .eventPattern(Map.of("source", List.of("aws.sts"), "detail-type", List.of(CLOUDTRAIL_API_CALL),
                        "detail", Map.of("eventName", List.of("AssumeRole"),
                                "errorCode", List.of(Map.of("exists", false)),
                                "requestParameters", Map.of("roleArn", applicationRoles,
                                        "tags", List.of(Map.of("exists", true))))))
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("TenantSessionWatchdog")
                        .arn(function.getFunctionArn())
                        .build()))
                .build();
        function.addPermission("InvokedByTheTenantNotActiveRule", Permission.builder()
                .principal(new ServicePrincipal("events.amazonaws.com"))
                .sourceArn(judged.getAttrArn())
                .build());
    }

    /**
     * CDK grants cloudtrail.amazonaws.com the log bucket without naming the trail; {@code aws:SourceArn} limits both
     * grants (GetBucketAcl, PutObject: statements 1 and 2 after the TLS-only deny) to this trail, so that no other
     * account's trail can write here. The ARN is built from the name: the trail itself depends on this policy.
     */
    private void bindLogBucketToThisTrail(Trail trail, String trailName) {
        String trailArn = Stack.of(this).formatArn(ArnComponents.builder().service("cloudtrail").resource("trail")
                .resourceName(trailName).build());
        Bucket logBucket = (Bucket) trail.getNode().findChild("S3");
        CfnBucketPolicy policy = (CfnBucketPolicy) logBucket.getPolicy().getNode().getDefaultChild();
        for (int statement : new int[] { 1, 2 }) {
            policy.addPropertyOverride("PolicyDocument.Statement." + statement + ".Condition.StringEquals.aws:SourceArn",
                    trailArn);
        }
    }

    /** A rule on CloudTrail events that publishes {@code <alert> <text>} to the topic, the text filled from the event. */
    private CfnRule rule(String id, String alert, Map<String, Object> pattern, String text, Map<String, String> fields) {
        return CfnRule.Builder.create(this, id)
                .description(alert)
                .eventPattern(pattern)
                .state("ENABLED")
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("IsolationAlerts")
                        .arn(topic.getTopicArn())
                        .inputTransformer(CfnRule.InputTransformerProperty.builder()
                                .inputPathsMap(fields)
                                .inputTemplate("\"" + alert + ": " + text + "\"")
                                .build())
                        .build()))
                .build();
    }

    private static CfnTrail.AdvancedEventSelectorProperty dataEvents(String name, String resourceType,
            CfnTrail.AdvancedFieldSelectorProperty resource) {
        return CfnTrail.AdvancedEventSelectorProperty.builder().name(name)
                .fieldSelectors(List.of(field("eventCategory", "Data"), field("resources.type", resourceType), resource))
                .build();
    }

    private static CfnTrail.AdvancedFieldSelectorProperty field(String name, String value) {
        return CfnTrail.AdvancedFieldSelectorProperty.builder().field(name).equalTo(List.of(value)).build();
    }
}
