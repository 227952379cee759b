package dev.shiptrack.tvm.support;

import dev.shiptrack.tvm.config.TvmConfig;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import dev.shiptrack.tvm.vending.SessionPolicies;
import dev.shiptrack.tvm.vending.StsCredentialsSource;
import dev.shiptrack.tvm.vending.TenantCredentialsVendor;
import dev.shiptrack.tvm.vending.TenantStorageModels;
import dev.shiptrack.tvm.vending.VendingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import software.amazon.awssdk.services.sts.StsClient;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.shiptrack.iam.StorageModel;

/** The vending machine wired by hand for unit tests, as CDI wires it in a service. */
public final class UnitVending {

    private UnitVending() {
    }

    public static TenantCredentialsVendor vendor(TvmConfig config, StsClient sts, Clock clock, MeterRegistry meters,
                                                 Instance<CurrentTenant> currentTenant) {
        return vendor(config, sts, clock, meters, currentTenant, List.of("test"));
    }

    /** @param profiles the active Quarkus profiles the vendor is told about */
    public static TenantCredentialsVendor vendor(TvmConfig config, StsClient sts, Clock clock, MeterRegistry meters,
                                                 Instance<CurrentTenant> currentTenant, List<String> profiles) {
        return vendor(config, sts, clock, meters, currentTenant, tenant -> Optional.of(StorageModel.POOL), profiles);
    }

    /** @param storageModels where the vendor is told each tenant's items live */
    public static TenantCredentialsVendor vendor(TvmConfig config, StsClient sts, Clock clock, MeterRegistry meters,
                                                 Instance<CurrentTenant> currentTenant,
                                                 TenantStorageModels storageModels, List<String> profiles) {
        VendingMetrics metrics = new VendingMetrics(meters);
        return new TenantCredentialsVendor(config, new SessionPolicies(config),
                new StsCredentialsSource(sts, config, clock, metrics), metrics, currentTenant, storageModels, clock,
                profiles);
    }

    /** No request context: reading the current tenant fails as it does outside a request. */
    public static Instance<CurrentTenant> noRequest() {
        return instance(null);
    }

    /** A request whose verified token gives this current tenant. */
    public static Instance<CurrentTenant> requestOf(CurrentTenant tenant) {
        return instance(tenant);
    }

    @SuppressWarnings("unchecked")
    private static Instance<CurrentTenant> instance(CurrentTenant tenant) {
        return (Instance<CurrentTenant>) Proxy.newProxyInstance(UnitVending.class.getClassLoader(),
                new Class<?>[]{Instance.class}, (proxy, method, args) -> {
                    if (tenant == null || !method.getName().equals("get")) {
                        throw new ContextNotActiveException("no request in this unit test");
                    }
                    return tenant;
                });
    }
}
