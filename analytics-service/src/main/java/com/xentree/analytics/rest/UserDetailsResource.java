package com.xentree.analytics.rest;

import com.xentree.analytics.rest.LearnerResponses.UserDetailsResponse;
import com.xentree.analytics.service.UserDetailsService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The consolidated view of one user. */
@Path("/api/v1/analytics/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserDetailsResource {

    @Inject
    UserDetailsService details;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/{user_id}/details")
    @Tag(name = "User details")
    @Operation(summary = "Get a user's consolidated details (v1, snake_case; superseded by GET /api/v2/analytics/users/details)",
            description = "Stats, XP breakdown by category, achievements, quest history, boosts earned and streaks, in this service's "
                    + "snake_case. For the user, platform admins, and owners/admins of an organization the user belongs to. Kept for "
                    + "existing callers; new clients use v2, the user-details document's shape.")
    @Deprecated // in the OpenAPI document: v2 is the contract
    public UserDetailsResponse details(@PathParam("user_id") String userId) {
        return details.details(identity.getPrincipal().getName(), identity.hasRole("admin"), userId);
    }
}
