package dev.shiptrack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant edge in front of the request services, on both compute targets. */
class EdgeTemplateTest {

    /** CloudFront's managed CachingDisabled policy. */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldRunTheTenantFunctionFromDeployEdgeWithItsKeyValueStore(Compute compute) {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(compute);
        Template template = synthesized.template();
        String stage = synthesized.settings().stage();
        template.resourceCountIs("AWS::CloudFront::KeyValueStore", 1);
        template.hasResourceProperties("AWS::CloudFront::KeyValueStore", Map.of(
                "Name", "shiptrack-" + stage + "-edge",
                // Created empty: the signing secret is put there by the operator, never by the template.
                "ImportSource", Match.absent()));
        String store = logicalIds(synthesized, "AWS::CloudFront::KeyValueStore").get(0);
        template.resourceCountIs("AWS::CloudFront::Function", 1);
        template.hasResourceProperties("AWS::CloudFront::Function", Map.of(
                "Name", "shiptrack-" + stage + "-tenant-edge",
                "AutoPublish", true,
                "FunctionCode", TenantEdge.functionCode(synthesized.settings().projectRoot(),
                        DeploymentSettings.EXAMPLE_BASE_DOMAIN),
                "FunctionConfig", Match.objectLike(Map.of(
                        "Runtime", "cloudfront-js-2.0",
                        "KeyValueStoreAssociations", List.of(Map.of(
                                "KeyValueStoreARN", Map.of("Fn::GetAtt", List.of(store, "Arn"))))))));
        assertThat(TenantEdge.functionCode(synthesized.settings().projectRoot(), DeploymentSettings.EXAMPLE_BASE_DOMAIN))
                .contains("'" + DeploymentSettings.EXAMPLE_BASE_DOMAIN + "'")
                .contains("'" + TenantEdge.SIGNING_SECRET_KEY + "'")
                .doesNotContain(TenantEdge.BASE_DOMAIN_PLACEHOLDER);
    }

    /**
     * Every behaviour (shipment-service by default, tracking-service for its paths) runs the function on the viewer
     * request, caches nothing, accepts HTTPS only, and forwards the viewer's headers except Host: Authorization and
     * the function's three tenant headers reach the origin.
     */
    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldForwardTheSignedTenantHeadersAndAuthorizationOnEveryBehaviour(Compute compute) {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(compute);
        Template template = synthesized.template();
        template.resourceCountIs("AWS::CloudFront::OriginRequestPolicy", 1);
        template.hasResourceProperties("AWS::CloudFront::OriginRequestPolicy", Map.of(
                "OriginRequestPolicyConfig", Match.objectLike(Map.of(
                        "HeadersConfig", Map.of("HeaderBehavior", "allExcept", "Headers", List.of("Host")),
                        "QueryStringsConfig", Map.of("QueryStringBehavior", "all")))));
        String function = logicalIds(synthesized, "AWS::CloudFront::Function").get(0);
        String policy = logicalIds(synthesized, "AWS::CloudFront::OriginRequestPolicy").get(0);
        Map<String, Object> behaviour = Map.of(
                "ViewerProtocolPolicy", "https-only",
                "CachePolicyId", CACHING_DISABLED,
                "OriginRequestPolicyId", Map.of("Ref", policy),
                "AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"),
                "FunctionAssociations", List.of(Map.of(
                        "EventType", "viewer-request",
                        "FunctionARN", Map.of("Fn::GetAtt", List.of(function, "FunctionARN")))));

        template.resourceCountIs("AWS::CloudFront::Distribution", 1);
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "DefaultCacheBehavior", Match.objectLike(behaviour),
                        "CacheBehaviors", List.of(
                                Match.objectLike(withPath("/tracking", behaviour)),
                                Match.objectLike(withPath("/tracking/*", behaviour)))))));

        JsonNode config = distributionConfig(synthesized);
        JsonNode origins = config.path("Origins");
        assertThat(origins.size()).as("shipment-service's and tracking-service's entry points").isEqualTo(2);
        String shipmentOrigin = config.path("DefaultCacheBehavior").path("TargetOriginId").asText();
        String trackingOrigin = config.path("CacheBehaviors").get(0).path("TargetOriginId").asText();
        assertThat(config.path("CacheBehaviors").get(1).path("TargetOriginId").asText()).isEqualTo(trackingOrigin);
        assertThat(trackingOrigin).isNotEqualTo(shipmentOrigin);
        for (JsonNode origin : origins) {
            JsonNode custom = origin.path("CustomOriginConfig");
            if (compute == Compute.LAMBDA) {
                String api = origin.path("Id").asText().equals(shipmentOrigin) ? "ShipmentApi" : "TrackingApi";
                assertThat(custom.path("OriginProtocolPolicy").asText()).isEqualTo("https-only");
                assertThat(origin.path("DomainName").toString()).contains("{\"Ref\":\"Lambda" + api)
                        .contains(".execute-api.");
            } else {
                int port = origin.path("Id").asText().equals(shipmentOrigin) ? 80 : ServiceEnvironment.TRACKING_PORT;
                assertThat(custom.path("OriginProtocolPolicy").asText()).isEqualTo("http-only");
                assertThat(custom.path("HTTPPort").asInt()).isEqualTo(port);
                assertThat(origin.path("DomainName").path("Fn::GetAtt").get(1).asText()).isEqualTo("DNSName");
            }
        }
    }

    @Test
    void shouldServeTheTenantsHostnamesWithTheGivenCertificate() {
        String certificate = "arn:aws:acm:us-east-1:123456789012:certificate/0b5c6a7e-1111-4222-8333-944455566677";
        App app = SynthesizedStacks.app(SynthesizedStacks.synthDirectory().resolve("edge-certificate-assembly"),
                Map.of("tenantBaseDomain", "tenants.example.org", "edgeCertificateArn", certificate));
        ShipTrackStack stack = ShipTrackApp.build(app, DeploymentSettings.fromContext(app.getNode()));
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "Aliases", List.of("*.tenants.example.org"),
                        "ViewerCertificate", Match.objectLike(Map.of("AcmCertificateArn", certificate,
                                "MinimumProtocolVersion", "TLSv1.2_2021", "SslSupportMethod", "sni-only"))))));
        template.hasResourceProperties("AWS::CloudFront::Function", Map.of(
                "FunctionCode", Match.stringLikeRegexp("const BASE_DOMAIN = 'tenants\\.example\\.org';")));
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp("the tenant edge answers.*"));
    }

    @Test
    void shouldWarnThatWithoutACertificateNoTenantHostnameReachesTheEdge() {
        SynthesizedStacks.Synthesized synthesized = SynthesizedStacks.of(Compute.LAMBDA);
        assertThat(distributionConfig(synthesized).has("Aliases")).isFalse();
        assertThat(synthesized.assembly().resolve("ShipTrack-lambda.metadata.json")).content()
                .contains("shiptrack:edge-without-tenant-hostnames");
    }

    @ParameterizedTest
    @EnumSource(Compute.class)
    void shouldOutputWhereTheOperatorPutsTheSecrets(Compute compute) {
        Template template = SynthesizedStacks.of(compute).template();
        for (String output : List.of("EdgeUrl", "TenantBaseDomain", "EdgeKeyValueStoreArn", "EdgeSecretsArn")) {
            assertThat(template.findOutputs(output)).as(output).hasSize(1);
        }
    }

    private static Map<String, Object> withPath(String pathPattern, Map<String, Object> behaviour) {
        Map<String, Object> withPath = new HashMap<>(behaviour);
        withPath.put("PathPattern", pathPattern);
        return withPath;
    }

    private static JsonNode distributionConfig(SynthesizedStacks.Synthesized synthesized) {
        String distribution = logicalIds(synthesized, "AWS::CloudFront::Distribution").get(0);
        return synthesized.resources().path(distribution).path("Properties").path("DistributionConfig");
    }

    private static List<String> logicalIds(SynthesizedStacks.Synthesized synthesized, String type) {
        List<String> ids = new ArrayList<>();
        synthesized.resources().fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)) {
                ids.add(resource.getKey());
            }
        });
        assertThat(ids).as(type).isNotEmpty();
        return ids;
    }
}
