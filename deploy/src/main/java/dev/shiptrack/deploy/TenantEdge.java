package dev.shiptrack.deploy;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.KeyValueStore;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant edge: one CloudFront distribution in front of shipment-service (default behaviour) and tracking-service
 * ({@code /tracking}, {@code /tracking/*}). Its viewer-request function ({@value #FUNCTION_SOURCE}) drops whatever
 * tenant headers a client sent, derives the tenant from the hostname {@code <tenant>.<base domain>} and signs host and
 * tenant with the secret the operator puts into the function's key value store (docs/deploy.md). The services accept
 * only signed requests, so the edge is the only way in.
 */
public final class TenantEdge extends Construct {

    /** The function's code, from the repository root: the one copy, which the tests also run under Node.js. */
    static final String FUNCTION_SOURCE = "deploy/edge/tenant-edge.js";
    /** Replaced in the code by the deployment's base domain. */
    static final String BASE_DOMAIN_PLACEHOLDER = "__TENANT_BASE_DOMAIN__";
    /** The key of the signing secret in the key value store (the function reads this key). */
    static final String SIGNING_SECRET_KEY = "edge-signing-secret";

    private final KeyValueStore store;
    private final Distribution distribution;

    public TenantEdge(Construct scope, String id, DeploymentSettings settings, ServiceCompute compute) {
        super(scope, id);
        String stage = settings.stage();
        // Created empty: the secret never passes through the template or the cloud assembly.
        store = KeyValueStore.Builder.create(this, "SigningSecretStore")
                .keyValueStoreName("shiptrack-" + stage + "-edge")
                .comment("Holds " + SIGNING_SECRET_KEY + ", the secret the tenant edge signs with")
                .build();
        Function function = Function.Builder.create(this, "TenantFunction")
                .functionName("shiptrack-" + stage + "-tenant-edge")
                .comment("Tenant from <tenant>." + settings.tenantBaseDomain() + ", signed X-Tenant-* headers")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(functionCode(settings.projectRoot(), settings.tenantBaseDomain())))
                .keyValueStore(store)
                .build();
        // Every viewer header but Host: CloudFront refuses Authorization in a header allow-list (it may only travel
        // as part of a cache key, and nothing here is cached), and API Gateway refuses a Host that is not its own.
        // The three tenant headers are the function's, set after it removed the client's.
        OriginRequestPolicy forwarded = OriginRequestPolicy.Builder.create(this, "ViewerHeadersExceptHost")
                .originRequestPolicyName("shiptrack-" + stage + "-viewer-headers-except-host")
                .comment("Authorization and the edge's X-Tenant-Id, X-Tenant-Host, X-Edge-Signature; not Host")
                .headerBehavior(OriginRequestHeaderBehavior.denyList("Host"))
                .queryStringBehavior(OriginRequestQueryStringBehavior.all())
                .cookieBehavior(OriginRequestCookieBehavior.none())
                .build();
        IOrigin trackingOrigin = compute.trackingOrigin();
        Map<String, BehaviorOptions> tracking = new LinkedHashMap<>();
        tracking.put("/tracking", behavior(trackingOrigin, function, forwarded));
        tracking.put("/tracking/*", behavior(trackingOrigin, function, forwarded));
        Distribution.Builder builder = Distribution.Builder.create(this, "Distribution")
                .comment("shiptrack-" + stage + " tenant edge")
                .defaultBehavior(behavior(compute.shipmentOrigin(), function, forwarded))
                .additionalBehaviors(tracking)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021);
        settings.edgeCertificate().ifPresentOrElse(arn -> builder
                        .domainNames(List.of("*." + settings.tenantBaseDomain()))
                        .certificate(Certificate.fromCertificateArn(this, "Certificate", arn)),
                () -> Annotations.of(this).addWarningV2("shiptrack:edge-without-tenant-hostnames", "the tenant edge"
                        + " answers on its cloudfront.net name only, where no request has a tenant: give"
                        + " -c tenantBaseDomain=... -c edgeCertificateArn=... (docs/deploy.md)"));
        distribution = builder.build();
    }

    private static BehaviorOptions behavior(IOrigin origin, Function function, OriginRequestPolicy forwarded) {
        return BehaviorOptions.builder()
                .origin(origin)
                // Bearer tokens never cross the internet in clear text.
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(forwarded)
                .functionAssociations(List.of(FunctionAssociation.builder()
                        .eventType(FunctionEventType.VIEWER_REQUEST).function(function).build()))
                .build();
    }

    /** The function's code for a base domain (validated as a DNS name by {@link DeploymentSettings}). */
    static String functionCode(Path projectRoot, String baseDomain) {
        Path source = projectRoot.resolve(FUNCTION_SOURCE);
        String code;
        try {
            code = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the edge function " + source, e);
        }
        if (code.indexOf(BASE_DOMAIN_PLACEHOLDER) != code.lastIndexOf(BASE_DOMAIN_PLACEHOLDER)
                || !code.contains(BASE_DOMAIN_PLACEHOLDER)) {
            throw new IllegalStateException(source + " must contain " + BASE_DOMAIN_PLACEHOLDER + " exactly once");
        }
        return code.replace(BASE_DOMAIN_PLACEHOLDER, baseDomain);
    }

    public KeyValueStore store() {
        return store;
    }

    public Distribution distribution() {
        return distribution;
    }
}
