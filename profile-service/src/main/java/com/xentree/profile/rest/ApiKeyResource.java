package com.xentree.profile.rest;

import com.xentree.profile.mapping.ApiKeyMapper;
import com.xentree.profile.service.ApiKeyService;
import com.xentree.profile.service.UserService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "API Keys")
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;
    @Inject
    UserService users;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List API keys", description = "The caller's active keys; never their secrets.")
    public List<ApiKeyResponse> list() {
        return keys.list(users.current(identity).id).stream().map(k -> ApiKeyMapper.toResponse(k, null)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key",
            description = "Bearer token only. The answer holds the key (send it as X-API-Key) once; it is stored as a hash. "
                    + "A key acts as its owner; the scopes events:write and users:write can only be granted by platform admins. "
                    + "Every service accepts the key within seconds.")
    public Response create(@Valid @NotNull ApiKeyCreateRequest request) {
        ApiKeyService.Issued issued = keys.create(users.current(identity).id, identity, request);
        return Response.status(201).entity(ApiKeyMapper.toResponse(issued.key(), issued.presentedKey())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an API key", description = "Revokes the key in every service within seconds.")
    public Response delete(@PathParam("id") String id) {
        keys.revoke(users.current(identity).id, id);
        return Response.noContent().build();
    }
}
