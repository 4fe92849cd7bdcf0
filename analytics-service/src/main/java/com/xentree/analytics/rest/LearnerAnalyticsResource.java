package com.xentree.analytics.rest;

import static com.xentree.foundation.rest.QueryValues.date;

import com.xentree.analytics.rest.LearnerResponses.AchievementsResponse;
import com.xentree.analytics.rest.LearnerResponses.LearningPulseResponse;
import com.xentree.analytics.rest.LearnerResponses.LearningTimeAnalyticsResponse;
import com.xentree.analytics.rest.LearnerResponses.QuestsResponse;
import com.xentree.analytics.rest.LearnerResponses.StreakRepairResponse;
import com.xentree.analytics.rest.LearnerResponses.StreakStatusResponse;
import com.xentree.analytics.rest.LearnerResponses.WeeklyActivityResponse;
import com.xentree.analytics.service.LearnerAnalyticsService;
import com.xentree.foundation.reads.RenderedReads;
import com.xentree.foundation.reads.RenderedReads.Rendition;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own streak, weekly activity, pulse, quests, learning time and achievements. */
@Path("/api/xp")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Profile & Analytics")
public class LearnerAnalyticsResource {

    @Inject
    LearnerAnalyticsService analytics;
    @Inject
    RenderedReads rendered;
    @Inject
    SecurityIdentity identity;

    private String me() {
        return identity.getPrincipal().getName();
    }

    /**
     * The caller's answer of a read that shows their own data relative to their "today": on the event
     * loop when it is held in memory, else computed on a worker thread.
     */
    private Uni<Response> rendered(String read, String ifNoneMatch, Function<String, Object> compute) {
        String me = me();
        return rendered.answerNonBlocking(read, me, ifNoneMatch,
                now -> Optional.of(new Rendition(compute.apply(me), me, analytics.dayTurns(me, now)))).map(Optional::orElseThrow);
    }

    @GET
    @Path("/streak")
    @Operation(summary = "Get streak status", description = "Streaks in the user's time zone; freezes bridge missed days.")
    @APIResponse(responseCode = "200", description = "The streak status; ETag, and 304 for a matching If-None-Match.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StreakStatusResponse.class)))
    public Uni<Response> streak(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return rendered("streak", ifNoneMatch, analytics::streak);
    }

    @POST
    @Path("/streak/repair")
    @Operation(summary = "Repair the streak",
            description = "Restores the most recent missed day of the last 2 days, once per calendar month; 409 otherwise.")
    public StreakRepairResponse repair() {
        return analytics.repair(me());
    }

    @GET
    @Path("/weekly-activity")
    @Operation(summary = "Get weekly XP activity",
            description = "The ISO week (Monday-Sunday) containing week_start (YYYY-MM-DD; default: this week), per local day.")
    public WeeklyActivityResponse weekly(@QueryParam("week_start") String weekStart) {
        return analytics.weekly(me(), date("week_start", weekStart));
    }

    @GET
    @Path("/learning-pulse")
    @Operation(summary = "Get learning pulse (365-day heatmap)")
    @APIResponse(responseCode = "200", description = "The pulse; ETag, and 304 for a matching If-None-Match.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LearningPulseResponse.class)))
    public Uni<Response> pulse(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return rendered("learning-pulse", ifNoneMatch, analytics::pulse);
    }

    @GET
    @Path("/quests")
    @Operation(summary = "Get daily quests", description = "Today's three quests, drawn per user and local date.")
    @APIResponse(responseCode = "200", description = "Today's quests; ETag, and 304 for a matching If-None-Match.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestsResponse.class)))
    public Uni<Response> quests(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return rendered("quests", ifNoneMatch, analytics::quests);
    }

    @GET
    @Path("/learning-time")
    @Operation(summary = "Get learning time analytics",
            description = "period=week|month|year (to date; default week) or start_date and end_date (at most 366 days).")
    public LearningTimeAnalyticsResponse learningTime(@QueryParam("period") String period, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate) {
        return analytics.learningTime(me(), period, date("start_date", startDate), date("end_date", endDate));
    }

    @GET
    @Path("/achievements")
    @Operation(summary = "Get achievements", description = "The catalogue with the caller's progress and unlock times.")
    public AchievementsResponse achievements() {
        return analytics.achievements(me());
    }
}
