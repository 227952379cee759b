package dev.shiptrack.tracking.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.shiptrack.tracking.config.TrackingConfig;
import dev.shiptrack.tracking.service.PayloadTooLargeException;
import dev.shiptrack.tvm.tenant.CurrentTenant;
import io.quarkus.security.identity.SecurityIdentity;

/** Request-wide concerns: declared body size limits, and the tenant id in the log context. */
class RequestFilters {

    static final String TENANT_MDC_KEY = "tenantId";

    private final TrackingConfig config;
    private final CurrentTenant currentTenant;
    private final SecurityIdentity identity;

    RequestFilters(TrackingConfig config, CurrentTenant currentTenant, SecurityIdentity identity) {
        this.config = config;
        this.currentTenant = currentTenant;
        this.identity = identity;
    }

    /** Refuses a body whose declared length is above the method's limit before any of it is read. */
    @ServerRequestFilter
    void limitBodySize(ContainerRequestContext request, SimpleResourceInfo resource) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long maxBytes = bodyLimit(resource);
        if (maxBytes < 0 || declared == null) {
            return;
        }
        try {
            if (Long.parseLong(declared) > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
        } catch (NumberFormatException e) {
            // Vert.x refuses a malformed Content-Length before this filter runs.
        }
    }

    /**
     * The limit of the methods that read a body, -1 for the others. {@link SimpleResourceInfo} is known at build
     * time; reading annotations through {@code ResourceInfo} would need reflection in a native image.
     */
    private long bodyLimit(SimpleResourceInfo resource) {
        if (resource.getResourceClass() == TrackingEventResource.class
                && TrackingEventResource.RECORD.equals(resource.getMethodName())) {
            return config.limits().eventBodyBytes();
        }
        if (resource.getResourceClass() == DeliveryDocumentResource.class
                && DeliveryDocumentResource.STORE.equals(resource.getMethodName())) {
            return config.limits().documentBytes();
        }
        return -1;
    }

    @ServerRequestFilter
    void putTenantInLogContext() {
        if (!identity.isAnonymous()) {
            try {
                MDC.put(TENANT_MDC_KEY, currentTenant.get().value());
            } catch (RuntimeException invalidTenant) {
                // The resource answers it with a problem; the log context just stays without a tenant.
            }
        }
    }

    @ServerResponseFilter
    void clearLogContext() {
        MDC.remove(TENANT_MDC_KEY);
    }
}
