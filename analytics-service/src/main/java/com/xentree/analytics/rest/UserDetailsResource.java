package com.xentree.analytics.rest;

import com.xentree.analytics.rest.LearnerResponses.LeaderboardResponse;
import com.xentree.analytics.rest.LearnerResponses.UserDetailsResponse;
import com.xentree.analytics.service.Leaderboards;
import com.xentree.analytics.service.UserDetailsService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The consolidated user details and the XP leaderboards. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@SecurityRequirement(name = "apiKey")
public class UserDetailsResource {

    private final UserDetailsService details;
    private final Leaderboards leaderboards;
    private final SecurityIdentity identity;

    UserDetailsResource(UserDetailsService details, Leaderboards leaderboards, SecurityIdentity identity) {
        this.details = details;
        this.leaderboards = leaderboards;
        this.identity = identity;
    }

    @GET
    @Path("/v1/analytics/users/{user_id}/details")
    @Tag(name = "User details")
    @Operation(summary = "Get a user's consolidated details",
            description = "Stats, XP breakdown, achievements, quest history, boosts earned and streaks. For the user, platform admins, "
                    + "and owners/admins of an organization the user belongs to.")
    public UserDetailsResponse details(@PathParam("user_id") String userId) {
        return details.details(identity.getPrincipal().getName(), identity.hasRole("admin"), userId);
    }

    @GET
    @Path("/xp/leaderboard")
    @Tag(name = "Profile & Analytics")
    @Operation(summary = "Get the XP leaderboard",
            description = "board=weekly|all_time (default weekly), organization_id for an organization's board (members only), "
                    + "limit 1-100. Ties share a rank; private profiles are not listed. Refreshed every 30 s.")
    public LeaderboardResponse leaderboard(@QueryParam("board") @DefaultValue("weekly") String board,
            @QueryParam("organization_id") String organizationId, @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return leaderboards.board(identity.getPrincipal().getName(), identity.hasRole("admin"), board, organizationId, limit);
    }
}
