package com.xentree.analytics.rest;

import com.xentree.analytics.rest.LearnerResponses.LeaderboardResponse;
import com.xentree.analytics.service.Leaderboards;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/xp/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class LeaderboardResource {

    @Inject
    Leaderboards leaderboards;
    @Inject
    SecurityIdentity identity;

    @GET
    @Tag(name = "Profile & Analytics")
    @Operation(summary = "Get the XP leaderboard",
            description = "board=weekly|all_time (default weekly), organization_id for an organization's board (members only), "
                    + "limit 1-100. Ties share a rank; private profiles are not listed. Refreshed every 30 s.")
    public LeaderboardResponse leaderboard(@QueryParam("board") @DefaultValue("weekly") String board,
            @QueryParam("organization_id") String organizationId, @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return leaderboards.board(identity.getPrincipal().getName(), identity.hasRole("admin"), board, organizationId, limit);
    }
}
