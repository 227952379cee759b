package dev.shiptrack.shipment.rest;

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
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.shiptrack.shipment.repository.DatabaseUnavailableException;
import dev.shiptrack.shipment.repository.RowLevelSecurityRefusedException;
import dev.shiptrack.shipment.repository.TenantDatabaseLoginRefusedException;
import dev.shiptrack.shipment.service.IdempotencyKeyConflictException;
import dev.shiptrack.shipment.service.IdempotencyKeyReusedException;
import dev.shiptrack.shipment.service.InvalidPageException;
import dev.shiptrack.shipment.service.ShipmentNotFoundException;
import dev.shiptrack.shipment.service.TenantNotActiveException;
import dev.shiptrack.shipment.service.TrackingUnavailableException;
import dev.shiptrack.tvm.problem.IdentityProviderUnavailable;
import dev.shiptrack.tvm.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error the API answers becomes an {@code application/problem+json} body (RFC 9457, tenant-tvm's
 * {@link Problem}) without internals; tenant-tvm's own mappers answer a token without a valid tenant (403).
 * Refusals by PostgreSQL's isolation are answered 403 and written to the audit log with tenant, resource and layer.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Logger AUDIT = Logger.getLogger("dev.shiptrack.shipment.audit");
    private static final String RETRY_AFTER_SECONDS = "10";

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(ProblemMappers::describe)
                .collect(Collectors.joining("; "));
        return Problem.of("invalid-request", "Invalid request", 400, detail).toResponse();
    }

    /** Named explicitly so these win over Quarkus' built-in mappers of the Jackson exceptions. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class })
    public Response unreadableBody(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at '" + mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        return Problem.of("invalid-request", "Invalid request", 400,
                "The body is not a valid JSON document of the expected shape" + where).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidPage(InvalidPageException e) {
        return Problem.of("invalid-request", "Invalid request", 400, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated() {
        return Problem.unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of("forbidden", "Forbidden", 403, "The token does not allow this request").toResponse();
    }

    @ServerExceptionMapper
    public Response tenantNotActive(TenantNotActiveException e) {
        String state = e.status().map(status -> status.name().toLowerCase()).orElse("not registered");
        return Problem.of("tenant-" + state.replace(' ', '-'), "Tenant " + state, 403,
                "Tenant " + e.tenantId() + " is " + state + " and cannot use shipment-service").toResponse();
    }

    @ServerExceptionMapper
    public Response refusedByRowLevelSecurity(RowLevelSecurityRefusedException e) {
        AUDIT.warnf("isolation-refusal tenant=%s resource=%s layer=postgres-row-level-security", e.tenantId(),
                e.resource());
        return Problem.of("access-refused", "Access refused", 403,
                "The database refused this access for your tenant").toResponse();
    }

    @ServerExceptionMapper
    public Response refusedDatabaseLogin(TenantDatabaseLoginRefusedException e) {
        AUDIT.warnf("isolation-refusal tenant=%s resource=database-login layer=postgres-authentication",
                e.tenantId());
        return Problem.of("access-refused", "Access refused", 403,
                "The database refused the login of your tenant").toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(ShipmentNotFoundException e) {
        return Problem.of("not-found", "Not found", 404, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response trackingUnavailable(TrackingUnavailableException e) {
        LOG.warnf("Shipment not created, tracking-service failed: %s", String.valueOf(e.getCause()));
        return retryLater(Problem.of("tracking-unavailable", "Tracking unavailable", 503,
                "tracking-service did not record LABEL_CREATED, so the shipment was not stored; retry later"));
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailableException e) {
        LOG.warnf("Database unavailable: %s", String.valueOf(e.getCause()));
        return retryLater(Problem.of("database-unavailable", "Database unavailable", 503,
                "The shipment database did not answer; retry later (a create with the same Idempotency-Key)"));
    }

    private static Response retryLater(Problem problem) {
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return Problem.of("idempotency-key-reused", "Idempotency key reused", 422, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyConflict(IdempotencyKeyConflictException e) {
        return Problem.of("idempotency-key-conflict", "Idempotency key conflict", 409, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(e.getResponse().getStatus());
        if (family != Response.Status.Family.CLIENT_ERROR) {
            return unexpected(e);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Client error";
        return Problem.of(title.toLowerCase().replace(' ', '-'), title, status, title).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (IdentityProviderUnavailable.causedBy(e)) {
            LOG.warnf("OpenID provider unavailable: %s", e.getMessage());
            return IdentityProviderUnavailable.response();
        }
        LOG.error("Unexpected failure", e);
        return Problem.of("internal-error", "Internal error", 500, "An unexpected error occurred").toResponse();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method parameters come as "create.shipment.origin.city": keep the part the caller knows.
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        return field + " " + violation.getMessage();
    }
}
