package dev.shiptrack.tracking.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.shiptrack.tracking.client.SignedOpenSearchClient;
import dev.shiptrack.tracking.repository.StoreAccessDeniedException;
import dev.shiptrack.tracking.repository.StoreUnavailableException;
import dev.shiptrack.tracking.service.IdempotencyKeyReusedException;
import dev.shiptrack.tracking.service.InvalidInputException;
import dev.shiptrack.tracking.service.PayloadTooLargeException;
import dev.shiptrack.tracking.service.TenantNotActiveException;
import dev.shiptrack.tracking.service.TrackingNotFoundException;
import dev.shiptrack.tvm.problem.Problem;

/** Every failure of this service as an RFC 9457 problem; the TVM maps its own tenant and credential failures. */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response invalidInput(InvalidInputException e) {
        return problem("invalid-input", "Invalid input", 400, e.getMessage());
    }

    @ServerExceptionMapper
    Response unreadableJson(JsonProcessingException e) {
        return problem("invalid-input", "Invalid input", 400, "the body is not a valid JSON event");
    }

    @ServerExceptionMapper
    Response notFound(TrackingNotFoundException e) {
        return problem("not-found", "Not found", 404, e.getMessage());
    }

    /** The same answer as shipment-service's for a tenant the control plane suspended or never onboarded. */
    @ServerExceptionMapper
    Response tenantNotActive(TenantNotActiveException e) {
        String state = e.status().map(status -> status.toLowerCase(java.util.Locale.ROOT)).orElse("not registered");
        return problem("tenant-" + state.replace(' ', '-'), "Tenant " + state, 403,
                "Tenant " + e.tenant() + " is " + state + " and cannot use tracking-service");
    }

    @ServerExceptionMapper
    Response tooLarge(PayloadTooLargeException e) {
        return problem("payload-too-large", "Payload too large", 413, e.getMessage());
    }

    /** Logged as an audit event where it was raised; the detail names no key of any tenant. */
    @ServerExceptionMapper
    Response accessDenied(StoreAccessDeniedException e) {
        return problem("access-denied", "Access denied", 403, "the " + e.layer() + " store refused the request");
    }

    @ServerExceptionMapper
    Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem("idempotency-key-reused", "Idempotency key reused", 422, e.getMessage());
    }

    /** Retry-After: about when an open circuit breaker lets a trial request through again. */
    @ServerExceptionMapper
    Response unavailable(StoreUnavailableException e) {
        LOG.warnf(e, "Store %s unavailable", e.layer());
        return Response.fromResponse(problem("backend-unavailable", "Backend unavailable", 503,
                        "the " + e.layer() + " store is unavailable, retry later"))
                .header("Retry-After", SignedOpenSearchClient.OPEN_SECONDS)
                .build();
    }

    /** JAX-RS's own refusals (unknown path, wrong method or media type) in the same problem format. */
    @ServerExceptionMapper
    Response jaxRs(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        return problem("http-" + status, type.getReasonPhrase(), status, e.getMessage());
    }

    private static Response problem(String kind, String title, int status, String detail) {
        return Problem.of(kind, title, status, detail).toResponse();
    }
}
