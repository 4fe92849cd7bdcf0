package com.xentree.profile.rest;

import com.xentree.profile.mapping.UserMapper;
import com.xentree.profile.service.DataExport;
import com.xentree.profile.service.UserErasure;
import com.xentree.profile.service.UserService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {

    @Inject
    UserService users;
    @Inject
    UserErasure erasure;
    @Inject
    DataExport export;
    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "users:write"})
    @Operation(summary = "Create or update a user",
            description = "Upsert by user_id, for platform admins and API keys with users:write. 201 when created, 200 when updated; "
                    + "409 when the username (case-insensitive) belongs to another user. Omitted fields keep their value.")
    public Response upsert(@Valid @NotNull UserRequests.Upsert request) {
        UserService.Upserted result = users.upsert(request);
        return Response.status(result.created() ? 201 : 200).entity(UserMapper.toResponse(result.user())).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Get the current user", description = "Created from the token's claims on the first authenticated request.")
    public UserResponse me() {
        return UserMapper.toResponse(users.current(identity));
    }

    @PATCH
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Update the current user",
            description = "full_name, profile_picture_url (absolute http(s) URL; empty removes it), time_zone (IANA id) and "
                    + "public_profile. Omitted or null fields keep their value.")
    public UserResponse update(@Valid @NotNull UserRequests.Patch patch) {
        String id = users.current(identity).id;
        return UserMapper.toResponse(users.update(id, patch));
    }

    @DELETE
    @Path("/me")
    @Authenticated
    @Operation(summary = "Erase the current user everywhere",
            description = "Bearer token only (403 for API keys). Deletes the user's profile, XP ledger, boosts, totals and API keys "
                    + "at once (the public profile is 404 and the username free), and announces the erasure on user.erasure.v1, "
                    + "on which analytics-service and admin-stats-service delete the user's activity, quests, streaks, achievements, "
                    + "leaderboard places, memberships and rollups. Events of the user arriving later are dropped everywhere. "
                    + "204 when erased; 410 for a token of a user erased before.")
    @APIResponse(responseCode = "204", description = "Erased.")
    @APIResponse(responseCode = "403", description = "Called with an API key.")
    public Response eraseMe() {
        String id = identity.getPrincipal().getName();
        erasure.refuseErased(id);
        erasure.eraseSelf(identity);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "users:write"})
    @Operation(summary = "Erase a user everywhere",
            description = "For platform admins and API keys with users:write: the same erasure as DELETE /api/v1/users/me, "
                    + "recorded with who erased whom and when. 204 when erased, 404 when the user was erased before.")
    @APIResponse(responseCode = "204", description = "Erased.")
    @APIResponse(responseCode = "404", description = "Erased before.")
    public Response erase(@PathParam("id") @Size(min = 1, max = 128) String userId) {
        erasure.eraseOther(userId, identity);
        return Response.noContent().build();
    }

    @GET
    @Path("/me/export")
    @Authenticated
    @Operation(summary = "Export everything the system holds about me",
            description = "One JSON document, streamed: user_id, exported_at; from profile-service profile (with email), xp, "
                    + "streak_and_quests, boosts, api_keys (never their secrets or hashes), xp_by_day_and_category and the whole "
                    + "xp_ledger; under analytics the part of GET /api/v1/analytics/users/me/export (activity by day, every "
                    + "activity, quests, streak, achievements, leaderboard entries); under organizations the part of "
                    + "GET /api/v1/organizations/me/export (memberships, member directory entry, daily rollups). Entries are stored "
                    + "rows: keys are the columns (snake_case), instants RFC 3339 UTC, dates YYYY-MM-DD. 503 when another service "
                    + "cannot give its part (nothing is sent then).")
    @APIResponse(responseCode = "200", description = "The caller's data.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "503", description = "Another service could not give its part; try again.")
    public Response export(@Context HttpHeaders headers) {
        String userId = identity.getPrincipal().getName();
        erasure.refuseErased(userId);
        DataExport.Parts parts = export.open(credentials(headers));
        StreamingOutput body = out -> export.write(out, userId, parts);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** The caller's own credentials, so the other services apply their own access rules to their parts. */
    private static Map<String, String> credentials(HttpHeaders headers) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String name : List.of(HttpHeaders.AUTHORIZATION, "X-API-Key", "X-Request-Id")) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                forwarded.put(name, value);
            }
        }
        return forwarded;
    }
}
