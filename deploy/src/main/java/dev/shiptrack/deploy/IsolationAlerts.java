package dev.shiptrack.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
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
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
 * <li>{@code isolation.denial-burst}: an alarm on ten or more such denials within a minute.</li>
 * </ul>
 * The trail records management events and the data events of the tenant table and bucket (DynamoDB and S3 data
 * events cost per event: docs/deploy.md). OpenSearch's HTTP API is not in CloudTrail; its refusals would need the
 * domain's audit logs. The local watchdog's fourth alert, a TenantID of no ACTIVE tenant, needs a lookup of the
 * tenant registry and is not built here.
 */
public final class IsolationAlerts extends Construct {

    static final String METRIC_NAMESPACE = "ShipTrack/Isolation";
    static final String DENIALS_METRIC = "TenantSessionDenials";
    static final int BURST_THRESHOLD = 10;
    private static final String CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";

    private final Topic topic;

    public IsolationAlerts(Construct scope, String id, DeploymentSettings settings, TenantAccessRoles roles,
            DataStores data) {
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
    }

    public Topic topic() {
        return topic;
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
