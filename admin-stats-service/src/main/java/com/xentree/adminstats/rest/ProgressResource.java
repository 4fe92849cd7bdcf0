package com.xentree.adminstats.rest;

import com.xentree.adminstats.MemberStatus;
import com.xentree.adminstats.rest.ProgressImpactDtos.KpiResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveCreateRequest;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveListResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveSuggestRequest;
import com.xentree.adminstats.rest.ProgressImpactDtos.ObjectiveSuggestResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressDistributionResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressMembersResponse;
import com.xentree.adminstats.rest.ProgressImpactDtos.ProgressTrendResponse;
import com.xentree.adminstats.service.ObjectiveService;
import com.xentree.adminstats.service.ProgressService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The progress tab; same filters, access rules and errors as the engagement dashboard. */
@Path("/api/v1/admin/stats/progress")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Admin Stats & Members")
public class ProgressResource extends AdminResource {

    @Inject
    ProgressService progress;
    @Inject
    ObjectiveService objectives;

    @GET
    @Path("/kpis")
    @Operation(summary = "Progress KPI cards", description = "Active-member rate, learning hours per member per week, average score, "
            + "sessions and scored attempts, against the previous period. " + AdminQuery.POPULATION)
    public KpiResponse kpis(@BeanParam AdminQuery q) {
        return progress.kpis(scope(q));
    }

    @GET
    @Path("/trend")
    @Operation(summary = "Progress trend", description = "Seven-day periods from the start of the range; they add up to the range's "
            + "cards. " + AdminQuery.POPULATION)
    public ProgressTrendResponse trend(@BeanParam AdminQuery q) {
        return progress.trend(scope(q));
    }

    @GET
    @Path("/distribution")
    @Operation(summary = "Progress distribution", description = "Members by their average score in the range.")
    public ProgressDistributionResponse distribution(@BeanParam AdminQuery q) {
        return progress.distribution(scope(q));
    }

    @GET
    @Path("/members")
    @Operation(summary = "Progress members table",
            description = "Paged (page from 0, size 1-100) and sorted (sort: learning_time, sessions, active_days, attempts, average_score, "
                    + "last_active, username; order: asc or desc) rows with recent sessions and attempts: one per current member in scope, "
                    + "whatever their join date. " + MemberStatus.DESCRIPTION)
    public ProgressMembersResponse members(@BeanParam AdminQuery q,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page, @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
            @QueryParam("sort") @DefaultValue("learning_time") String sort, @QueryParam("order") @DefaultValue("desc") String order) {
        return progress.members(scope(q), page, size, sort, order);
    }

    @GET
    @Path("/objectives")
    @Operation(summary = "List learning objectives", description = "Active objectives (include_archived=true for all), key results measured "
            + "over the organization's current members from the objective's start to today (or its due date).")
    public ObjectiveListResponse objectives(@QueryParam("organization_id") String organizationId,
            @QueryParam("include_archived") @DefaultValue("false") boolean includeArchived) {
        return new ObjectiveListResponse(objectives.list(identity, org(organizationId), includeArchived));
    }

    @POST
    @Path("/objectives")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create learning objective", description = "1-5 key results, each a metric with a target above its baseline.")
    public Response create(@QueryParam("organization_id") String organizationId, @Valid @NotNull ObjectiveCreateRequest request) {
        return Response.status(201).entity(objectives.create(identity, org(organizationId), request)).build();
    }

    @DELETE
    @Path("/objectives/{id}")
    @Operation(summary = "Archive learning objective", description = "The objective leaves the list and keeps its history.")
    public Response archive(@QueryParam("organization_id") String organizationId, @PathParam("id") UUID id) {
        objectives.archive(identity, org(organizationId), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/objectives/suggest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suggest learning objectives (with draft)",
            description = "From the organization's last 30 days: per metric the measured value, a suggested target and a draft to POST.")
    public ObjectiveSuggestResponse suggest(@QueryParam("organization_id") String organizationId, @Valid ObjectiveSuggestRequest request) {
        return objectives.suggest(identity, org(organizationId), request);
    }
}
