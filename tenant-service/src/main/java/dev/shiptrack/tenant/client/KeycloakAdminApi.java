package dev.shiptrack.tenant.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The part of Keycloak's admin REST API that tenant-service uses, with its own client-credentials token. */
@RegisterRestClient(configKey = "identity-admin")
@OidcClientFilter
@Path("/admin/realms/{realm}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface KeycloakAdminApi {

    /** A user as the admin API shows and takes it (the fields used here); registered for a native image's Jackson. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record User(String id, String username, String email, Boolean enabled, Boolean emailVerified,
                Map<String, List<String>> attributes, List<Credential> credentials, List<String> requiredActions) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Credential(String type, String value, Boolean temporary) {
    }

    @GET
    List<User> byUsername(@PathParam("realm") String realm, @QueryParam("username") String username,
            @QueryParam("exact") boolean exact);

    /** Users whose attribute matches, e.g. {@code q=tenantId:acme} (exact match of the value). */
    @GET
    List<User> byAttribute(@PathParam("realm") String realm, @QueryParam("q") String query,
            @QueryParam("max") int max);

    @POST
    Response create(@PathParam("realm") String realm, User user);

    @DELETE
    @Path("/{id}")
    Response delete(@PathParam("realm") String realm, @PathParam("id") String id);
}
