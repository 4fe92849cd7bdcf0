package com.xentree.profile.rest;

import com.xentree.foundation.rest.ApiException;
import com.xentree.profile.rest.XpResponses.PublicXpProfileResponse;
import com.xentree.profile.rest.XpResponses.XpHistoryResponse;
import com.xentree.profile.rest.XpResponses.XpProfileResponse;
import com.xentree.profile.service.UserService;
import com.xentree.profile.service.XpProfileService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/xp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profile & Analytics")
public class XpResource {

    @Inject
    UserService users;
    @Inject
    XpProfileService xp;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/profile")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Get my XP profile",
            description = "Total XP, level, XP inside the level and to the next, streak figures, XP by category and the boost active now.")
    public XpProfileResponse profile() {
        // the common case is one query; a caller seen for the first time is created from the token, then read
        return xp.profile(identity.getPrincipal().getName())
                .orElseGet(() -> xp.profile(users.current(identity).id).orElseThrow());
    }

    @GET
    @Path("/public-profile/{username}")
    @PermitAll
    @SecurityRequirements // public: none of the document's default requirements
    @Operation(summary = "Get a user's public profile",
            description = "Read-only, no authentication. Exposes no email, tokens or internal ids. 404 for unknown users and private profiles alike.")
    @APIResponse(responseCode = "200", description = "Public profile retrieved successfully.")
    @APIResponse(responseCode = "404", description = "No public profile with this username.")
    public PublicXpProfileResponse publicProfile(@PathParam("username") String username) {
        return xp.publicProfile(username).orElseThrow(() -> new ApiException(404, "No public profile for this username"));
    }

    @GET
    @Path("/history")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Get my XP history", description = "The XP ledger, newest first, paged (page from 0, size 1-100).")
    public XpHistoryResponse history(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return xp.history(users.current(identity).id, page, size);
    }
}
