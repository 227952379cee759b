package dev.shiptrack.tenant.rest;

import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.shiptrack.tenant.client.HostnameTakenException;
import dev.shiptrack.tenant.client.StepFailedException;
import dev.shiptrack.tenant.service.HostnameNotFoundException;
import dev.shiptrack.tenant.service.InvalidTenantRequestException;
import dev.shiptrack.tenant.service.OperationFailedException;
import dev.shiptrack.tenant.service.TenantConflictException;
import dev.shiptrack.tenant.service.TenantLifecycleService.DatabaseException;
import dev.shiptrack.tenant.service.TenantNotFoundException;
import dev.shiptrack.tvm.problem.IdentityProviderUnavailable;
import dev.shiptrack.tvm.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error of the tenant API is an {@code application/problem+json} body (tenant-tvm's {@link Problem}), without
 * internals; a failed step is named, with whether retrying can help (503) or not (409).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; "));
        return Problem.of("invalid-request", "Invalid request", 400, detail).toResponse();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class })
    public Response unreadableBody(JsonProcessingException e) {
        return Problem.of("invalid-request", "Invalid request", 400,
                "The body is not a tenant (id, name, tier, admin {username, email} and optionally storage), a tier"
                        + " change ({tier}) or a storage move ({model}); a tier is basic, standard or premium, a"
                        + " storage model pool or silo")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidTenantRequestException e) {
        return Problem.of("invalid-request", "Invalid request", 400, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated() {
        return Problem.unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of("forbidden", "Forbidden", 403, "Only the platform operator may manage tenants").toResponse();
    }

    @ServerExceptionMapper({ TenantNotFoundException.class, HostnameNotFoundException.class })
    public Response notFound(RuntimeException e) {
        return Problem.of("not-found", "Not found", 404, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(TenantConflictException e) {
        return Problem.of("tenant-conflict", "Conflict", 409, e.getMessage()).toResponse();
    }

    /** Another tenant's routes item: DynamoDB's conditional write refused it. */
    @ServerExceptionMapper
    public Response hostnameTaken(HostnameTakenException e) {
        return Problem.of("hostname-taken", "Conflict", 409, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response stepFailed(OperationFailedException e) {
        if (e.conflict()) {
            return Problem.of("step-conflict", "Conflict", 409, e.getMessage()).toResponse();
        }
        return Response.fromResponse(Problem.of("step-failed", "Backend unavailable", 503, e.getMessage()
                + "; the same request again resumes from this step").toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    /**
     * A data-plane write outside the multi-step operations failed: the status item of a suspension (after the
     * registry changed), a tier or hostname in the routes registry (nothing changed).
     */
    @ServerExceptionMapper
    public Response dataPlaneUnavailable(StepFailedException e) {
        LOG.warnf("Data plane write failed: %s", e.getMessage());
        return Response.fromResponse(Problem.of("data-plane-unavailable", "Backend unavailable", 503,
                "A data-plane store did not answer; the same request again completes the change").toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseException e) {
        LOG.warnf("PostgreSQL failed: %s", e.getMessage());
        return Response.fromResponse(Problem.of("database-unavailable", "Database unavailable", 503,
                "The tenant registry is unavailable; retry later").toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable);
        }
        int status = e.getResponse().getStatus();
        if (status < 400 || status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Client error";
        return Problem.of(title.toLowerCase().replace(' ', '-'), title, status, title).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (IdentityProviderUnavailable.causedBy(e)) {
            return IdentityProviderUnavailable.response();
        }
        LOG.error("Unexpected failure", e);
        return Problem.of("internal-error", "Internal error", 500, "An unexpected error occurred").toResponse();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String[] parts = violation.getPropertyPath().toString().split("\\.", 3);
        return (parts.length == 3 ? parts[2] : parts[parts.length - 1]) + " " + violation.getMessage();
    }
}
