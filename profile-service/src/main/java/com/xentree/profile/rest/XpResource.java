package com.xentree.profile.rest;

import com.xentree.foundation.reads.RenderedReads;
import com.xentree.foundation.rest.ApiException;
import com.xentree.profile.rest.XpResponses.PublicXpProfileResponse;
import com.xentree.profile.rest.XpResponses.XpHistoryResponse;
import com.xentree.profile.rest.XpResponses.XpProfileResponse;
import com.xentree.profile.service.UserService;
import com.xentree.profile.service.XpProfileService;
import com.xentree.profile.service.XpRenditions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    XpRenditions versions;
    @Inject
    RenderedReads rendered;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/profile")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "Get my XP profile",
            description = "Total XP, level, XP inside the level and to the next, streak figures, XP by category and the boost active now.")
    @APIResponse(responseCode = "200", description = "The XP profile; ETag, and 304 for a matching If-None-Match.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = XpProfileResponse.class)))
    public Uni<Response> profile(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String me = identity.getPrincipal().getName();
        // the common case is an answer held in memory, on the event loop; a caller seen for the first time is created
        // from the token (on the worker thread the answer was computed on), then read
        return rendered.answerNonBlocking("profile", me, ifNoneMatch, now -> versions.profile(me, now))
                .map(answer -> answer.orElseGet(() -> Response.ok(xp.profile(users.current(identity).id).orElseThrow()).build()));
    }

    @GET
    @Path("/public-profile/{username}")
    @PermitAll
    @SecurityRequirements // public: none of the document's default requirements
    @Operation(summary = "Get a user's public profile",
            description = "Read-only, no authentication. Exposes no email, tokens or internal ids. 404 for unknown users and private profiles alike.")
    @APIResponse(responseCode = "200", description = "Public profile retrieved successfully.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicXpProfileResponse.class)))
    @APIResponse(responseCode = "404", description = "No public profile with this username.")
    public Response publicProfile(@PathParam("username") String username) {
        // no ETag: not revalidated by clients, so a privacy change hides it at once
        byte[] body = rendered.body("public-profile", username.toLowerCase(Locale.ROOT), now -> versions.publicProfile(username, now))
                .orElseThrow(XpResource::noPublicProfile);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static ApiException noPublicProfile() {
        return new ApiException(404, "No public profile for this username");
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
