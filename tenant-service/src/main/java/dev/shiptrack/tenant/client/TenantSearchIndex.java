package dev.shiptrack.tenant.client;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.shiptrack.iam.TenantDataLayout;
import dev.shiptrack.tenant.config.TenantServiceConfig;
import dev.shiptrack.tvm.aws.SignedHttpClient;
import dev.shiptrack.tvm.aws.TenantRequestSigner;
import dev.shiptrack.tvm.tenant.TenantId;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The tenant's OpenSearch index, created and deleted with the tenant's own credentials (TenantProvisioningRole,
 * TenantID session tag): the domain's IAM check lets them reach {@code <tenant>-*} only.
 */
@ApplicationScoped
public class TenantSearchIndex {

    /** Creating or deleting an index can take seconds on a busy domain; this bounds each exchange as a whole. */
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);

    private final SignedHttpClient http;

    TenantSearchIndex(TenantRequestSigner signer, TenantServiceConfig config) {
        this.http = new SignedHttpClient(signer, config.stores().opensearchEndpoint(), "es", Duration.ofSeconds(2),
                EXCHANGE_TIMEOUT);
    }

    /** Creates the index with its explicit mapping; an index that exists already is accepted. */
    public void create(TenantId tenant) {
        String index = "/" + TenantDataLayout.searchIndex(tenant.value());
        SignedHttpClient.Answer answer = send(tenant, SdkHttpMethod.PUT, index,
                TenantDataLayout.SEARCH_INDEX_MAPPING.getBytes(StandardCharsets.UTF_8));
        if (!answer.successful() && !text(answer).contains("resource_already_exists_exception")) {
            throw refused("create", index, answer);
        }
    }

    /** Deletes the index; an index that does not exist is accepted. */
    public void delete(TenantId tenant) {
        String index = "/" + TenantDataLayout.searchIndex(tenant.value());
        SignedHttpClient.Answer answer = send(tenant, SdkHttpMethod.DELETE, index, null);
        if (!answer.successful() && answer.status() != 404) {
            throw refused("delete", index, answer);
        }
    }

    /** Whether the index exists (for the erasure inventory). */
    public boolean exists(TenantId tenant) {
        String index = "/" + TenantDataLayout.searchIndex(tenant.value());
        SignedHttpClient.Answer answer = send(tenant, SdkHttpMethod.HEAD, index, null);
        if (answer.status() == 404) {
            return false;
        }
        if (!answer.successful()) {
            throw refused("check", index, answer);
        }
        return true;
    }

    private SignedHttpClient.Answer send(TenantId tenant, SdkHttpMethod method, String path, byte[] body) {
        try {
            return http.send(tenant, method, path, Map.of(), body, EXCHANGE_TIMEOUT);
        } catch (UncheckedIOException e) {
            throw new StepFailedException("OpenSearch is unavailable", false, e);
        }
    }

    private static StepFailedException refused(String action, String index, SignedHttpClient.Answer answer) {
        return new StepFailedException("OpenSearch refused to " + action + " " + index + " (HTTP " + answer.status()
                + ")", false, null);
    }

    private static String text(SignedHttpClient.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
