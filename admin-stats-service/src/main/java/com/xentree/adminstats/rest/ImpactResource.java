package com.xentree.adminstats.rest;

import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactLevelProgressionResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTeamBreakdownResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTopPerformersResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ImpactTrendResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.KpiResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetCreateRequest;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetListResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LearningTargetSuggestResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LviWeightResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.LviWeightUpdateRequest;
import com.xentree.adminstats.service.ImpactService;
import com.xentree.foundation.rest.QueryValues;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The impact tab; same filters, access rules and errors as the engagement dashboard. */
@Path("/api/v1/admin/stats/impact")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Admin Stats & Members")
public class ImpactResource extends AdminResource {

    @Inject
    ImpactService impact;

    @GET
    @Path("/kpis")
    @Operation(summary = "Impact KPI cards", description = "Average LVI, learning hours, XP, members who levelled up, average score. "
            + AdminQuery.POPULATION)
    public KpiResponse kpis(@BeanParam AdminQuery q) {
        return impact.kpis(scope(q));
    }

    @GET
    @Path("/trend")
    @Operation(summary = "Impact trend", description = "Seven-day periods: learning hours, XP and average LVI; hours and XP add up to "
            + "the range's cards. " + AdminQuery.POPULATION)
    public ImpactTrendResponse trend(@BeanParam AdminQuery q) {
        return impact.trend(scope(q));
    }

    @GET
    @Path("/level-progression")
    @Operation(summary = "Level progression", description = "Members per level the day before the range and at its end.")
    public ImpactLevelProgressionResponse levelProgression(@BeanParam AdminQuery q) {
        return impact.levelProgression(scope(q));
    }

    @GET
    @Path("/team-breakdown")
    @Operation(summary = "Team breakdown", description = "Per team (and members in no team): each team's current members, by the same "
            + "rule as the whole organization.")
    public ImpactTeamBreakdownResponse teamBreakdown(@BeanParam AdminQuery q) {
        return impact.teamBreakdown(scope(q));
    }

    @GET
    @Path("/top-performers")
    @Operation(summary = "Top performers", description = "By LVI (limit 1-100); ties broken by XP, learning time, then user id.")
    public ImpactTopPerformersResponse topPerformers(@BeanParam AdminQuery q,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return impact.topPerformers(scope(q), limit);
    }

    @GET
    @Path("/targets")
    @Operation(summary = "List learning targets", description = "Each with its current value over the current period to date.")
    public LearningTargetListResponse targets(@QueryParam("organization_id") String organizationId) {
        return impact.targets(identity, org(organizationId));
    }

    @POST
    @Path("/targets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update learning target", description = "One target per metric and team: 201 created, 200 updated.")
    public Response saveTarget(@QueryParam("organization_id") String organizationId, @Valid @NotNull LearningTargetCreateRequest request) {
        ImpactService.Saved saved = impact.saveTarget(identity, org(organizationId), request);
        return Response.status(saved.created() ? 201 : 200).entity(saved.target()).build();
    }

    @POST
    @Path("/targets/suggest")
    @Operation(summary = "Suggest learning targets", description = "From the last 30 days of the organization (or team).")
    public LearningTargetSuggestResponse suggestTargets(@QueryParam("organization_id") String organizationId,
            @QueryParam("team_id") String teamId) {
        return impact.suggestTargets(identity, org(organizationId), QueryValues.uuid("team_id", teamId));
    }

    @GET
    @Path("/lvi-weights")
    @Operation(summary = "Get LVI weights")
    public LviWeightResponse lviWeights(@QueryParam("organization_id") String organizationId) {
        return impact.lviWeights(identity, org(organizationId));
    }

    @PUT
    @Path("/lvi-weights")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update LVI weights",
            description = "learning_time, active_days, xp, average_score, objective_progress: all given, non-negative, summing to 1 (±0.001).")
    public LviWeightResponse updateLviWeights(@QueryParam("organization_id") String organizationId, @NotNull LviWeightUpdateRequest request) {
        return impact.updateLviWeights(identity, org(organizationId), request.weights());
    }
}
