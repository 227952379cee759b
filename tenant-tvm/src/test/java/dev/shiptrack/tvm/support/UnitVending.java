package dev.shiptrack.tvm.support;

import dev.shiptrack.tvm.tenant.CurrentTenant;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;

import java.lang.reflect.Proxy;

/** The request-scoped current tenant as a unit test sees it, with or without a request. */
public final class UnitVending {

    private UnitVending() {
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
