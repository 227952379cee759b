package dev.shiptrack.tvm.vending;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiptrack.iam.IamSimulator;
import dev.shiptrack.iam.IamSimulator.Decision;
import dev.shiptrack.iam.PolicyDocuments;
import dev.shiptrack.iam.PolicyHydrator;
import dev.shiptrack.iam.StorageModel;
import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.support.FakeStsClient;
import dev.shiptrack.tvm.support.MutableClock;
import dev.shiptrack.tvm.support.TestConfigs;
import dev.shiptrack.tvm.support.UnitVending;
import dev.shiptrack.tvm.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the vending machine really sends to STS, evaluated by the independent IAM evaluator: each tenant's
 * session reaches its own items, index and prefix and no other tenant's, including tenants whose ids share a
 * prefix; a pooled tenant's session reaches no silo table and a silo tenant's session (yellow2) reaches only its own
 * silo table, never the pooled one; and the session policy alone confines a tenant even under an over-broad role policy.
 */
class VendedPolicyIsolationTest {

    private static final String ACCOUNT = "123456789012";
    private static final Map<String, String> DEPLOYMENT = Map.of("region", "us-east-1", "account", ACCOUNT,
            "table", "TrackingData", "bucket", "tracking-documents", "domain", "tracking");
    private static final List<String> TENANTS = List.of("yellow", "yel", "yellow2", "blue");
    private static final String SILO_TENANT = "yellow2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final FakeStsClient sts = new FakeStsClient(clock);

    /** The AssumeRole request the vending machine sends for each tenant, with the three data templates. */
    private Map<String, AssumeRoleRequest> vendedRequests() {
        TvmConfig config = TestConfigs.abac(
                "tenant-tvm.permission-templates", "dynamodb-leading-key,opensearch-index-per-tenant,s3-prefix-per-tenant",
                "tenant-tvm.template-values.table", "TrackingData",
                "tenant-tvm.template-values.bucket", "tracking-documents",
                "tenant-tvm.template-values.domain", "tracking",
                "tenant-tvm.template-values.region", "us-east-1",
                "tenant-tvm.template-values.account", ACCOUNT,
                "tenant-tvm.storage-model-tag", "true");
        TenantCredentialsVendor vendor = UnitVending.vendor(config, sts, clock, new SimpleMeterRegistry(),
                UnitVending.noRequest(), tenant -> Optional.of(storageOf(tenant.value())), List.of("test"));
        Map<String, AssumeRoleRequest> requests = new HashMap<>();
        for (String tenant : TENANTS) {
            vendor.vend(new TenantId(tenant));
            requests.put(tenant, sts.requests().get(sts.requests().size() - 1));
        }
        return requests;
    }

    @Test
    void shouldConfineEachVendedSessionToItsTenantUnderTheRolePolicy() throws Exception {
        JsonNode rolePolicy = PolicyHydrator.hydrate(PolicyDocuments.load(PolicyDocuments.TRACKING_ACCESS_POLICY), DEPLOYMENT);

        assertConfined(rolePolicy, true);
    }

    @Test
    void shouldConfineEachVendedSessionToItsTenantEvenUnderAnOverBroadRolePolicy() throws Exception {
        JsonNode allowEverything = JSON.readTree("""
                {"Version":"2012-10-17","Statement":[{"Sid":"TooBroad","Effect":"Allow",
                "Action":["dynamodb:*","es:*","s3:*"],"Resource":"*"}]}""");

        assertConfined(allowEverything, false);
    }

    /**
     * @param roleSeparatesStorage whether the role policy itself keeps pool sessions out of silo tables and silo
     *                             sessions out of the pooled table (the deployed one does; an over-broad one does not)
     */
    private void assertConfined(JsonNode rolePolicy, boolean roleSeparatesStorage) throws Exception {
        Map<String, AssumeRoleRequest> vended = vendedRequests();
        List<IamSimulator.Case> cases = new ArrayList<>();
        Map<String, Decision> expected = new HashMap<>();
        for (String caller : TENANTS) {
            AssumeRoleRequest request = vended.get(caller);
            assertThat(tagsOf(request)).isEqualTo(Map.of("TenantID", caller, "StorageModel", storageOf(caller).value()));
            JsonNode sessionPolicy = JSON.readTree(request.policy());
            for (String owner : TENANTS) {
                Decision decision = caller.equals(owner) ? Decision.Allowed : Decision.ImplicitlyDenied;
                boolean silo = storageOf(caller) == StorageModel.SILO;
                // Under the role policy a silo session is refused the pooled table and a pooled session every silo
                // table; the session policy alone names both tables of the caller, so only the item keys confine it.
                add(cases, expected, request, rolePolicy, sessionPolicy, "dynamodb:Query",
                        "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/TrackingData",
                        Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1")),
                        silo && roleSeparatesStorage ? Decision.ImplicitlyDenied : decision);
                add(cases, expected, request, rolePolicy, sessionPolicy, "dynamodb:Query",
                        "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/TrackingData-" + owner,
                        Map.of("dynamodb:LeadingKeys", List.of(owner + "#s-1")),
                        !silo && roleSeparatesStorage ? Decision.ImplicitlyDenied : decision);
                add(cases, expected, request, rolePolicy, sessionPolicy, "es:ESHttpPost",
                        "arn:aws:es:us-east-1:" + ACCOUNT + ":domain/tracking/" + owner + "-tracking/_search",
                        Map.of(), decision);
                add(cases, expected, request, rolePolicy, sessionPolicy, "s3:GetObject",
                        "arn:aws:s3:::tracking-documents/" + owner + "/s-1/pod.pdf", Map.of(), decision);
                add(cases, expected, request, rolePolicy, sessionPolicy, "s3:ListBucket",
                        "arn:aws:s3:::tracking-documents", Map.of("s3:prefix", owner + "/s-1/"), decision);
            }
            add(cases, expected, request, rolePolicy, sessionPolicy, "dynamodb:DeleteTable",
                    "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/TrackingData", Map.of(), Decision.ImplicitlyDenied);
        }

        assertThat(IamSimulator.installed().evaluate(cases)).isEqualTo(expected);
    }

    private static void add(List<IamSimulator.Case> cases, Map<String, Decision> expected, AssumeRoleRequest request,
                            JsonNode rolePolicy, JsonNode sessionPolicy, String action, String resource,
                            Map<String, Object> keys, Decision decision) {
        String caller = tagsOf(request).get("TenantID");
        String id = caller + " " + action + " " + resource + " " + keys;
        Map<String, Object> context = new HashMap<>(keys);
        tagsOf(request).forEach((key, value) -> context.put("aws:PrincipalTag/" + key, value));
        String principal = "arn:aws:sts::" + ACCOUNT + ":assumed-role/TrackingAccessRole/" + request.roleSessionName();
        cases.add(new IamSimulator.Case(id, principal, action, resource, ACCOUNT, context, List.of(rolePolicy),
                sessionPolicy));
        expected.put(id, decision);
    }

    private static StorageModel storageOf(String tenant) {
        return tenant.equals(SILO_TENANT) ? StorageModel.SILO : StorageModel.POOL;
    }

    private static Map<String, String> tagsOf(AssumeRoleRequest request) {
        return request.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
