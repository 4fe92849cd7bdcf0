package com.xentree.analytics.rest;

import com.xentree.analytics.service.UserDetailsV2Service.Lookup;
import com.xentree.analytics.service.UserDetailsV2Service;
import com.xentree.foundation.rest.ApiException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The user-details API of seeds/002, at its own path and in its own (camelCase) shape. */
@Path("/api/v2/analytics/users/details")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "apiToken")
@SecurityRequirement(name = "jwt")
@SecurityRequirement(name = "apiKey")
public class UserDetailsV2Resource {

    @Inject
    UserDetailsV2Service details;
    @Inject
    SecurityIdentity identity;

    @GET
    @Tag(name = "User details")
    @Operation(summary = "Get a user's details (user-details API v2)",
            description = "Retrieves comprehensive user details including stats, achievements, challenges (daily quests), rewards "
                    + "(XP boosts and achievement badges), XP breakdown and streaks, with the keys of the user-details document. "
                    + "Choose the user with exactly one of userId, email, username (else 422); 404 when there is no such user. "
                    + "For the user, platform admins, and owners/admins of an organization the user belongs to; anyone else gets "
                    + "403 whether or not the user exists. Authenticate with x-api-token (an API key), X-API-Key or a bearer token.")
    @APIResponse(responseCode = "200", description = "Successful response", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserDetailsV2.Response.class))) // its example: config/UserDetailsV2Example
    @APIResponse(responseCode = "403", description = "Not the user, a platform admin or an admin of the user's organization.")
    @APIResponse(responseCode = "404", description = "No such user.")
    @APIResponse(responseCode = "422", description = "None or more than one of userId, email, username.")
    public UserDetailsV2.Response details(@QueryParam("userId") @Parameter(description = "The user's id") String userId,
            @QueryParam("email") @Parameter(description = "The user's email (case-insensitive)") String email,
            @QueryParam("username") @Parameter(description = "The user's username (case-insensitive)") String username) {
        return details.details(identity.getPrincipal().getName(), identity.hasRole("admin"), lookup(userId, email, username));
    }

    /** Exactly one of the three, an empty one counting as not given. */
    private static Lookup lookup(String userId, String email, String username) {
        Lookup lookup = new Lookup(given(userId), given(email), given(username));
        if (Stream.of(lookup.userId(), lookup.email(), lookup.username()).filter(v -> v != null).count() != 1) {
            throw new ApiException(422, "userId, email, username: give exactly one of them");
        }
        return lookup;
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
