package dev.shiptrack.tvm.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}.
 *
 * @param type   URI identifying the kind of problem
 * @param title  short summary of the kind of problem
 * @param status HTTP status code
 * @param detail explanation of this occurrence, safe to show to the caller
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A problem whose type is {@code urn:shiptrack:problem:<kind>}. */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem("urn:shiptrack:problem:" + kind, title, status, detail);
    }

    /** The problem as JSON text (built by hand, so no reflection is needed in a native image). */
    public String toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return body.toString();
    }

    /** The problem as a JAX-RS response with its status and media type. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** 401 for a missing or invalid bearer token, with the {@code WWW-Authenticate} challenge. */
    public static Response unauthenticated() {
        return Response.fromResponse(of("unauthenticated", "Unauthenticated", 401,
                "A valid bearer token from the configured issuer and audience is required").toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }
}
