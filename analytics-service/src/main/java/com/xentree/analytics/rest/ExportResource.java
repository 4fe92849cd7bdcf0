package com.xentree.analytics.rest;

import com.xentree.foundation.export.JsonExport.Section;
import com.xentree.foundation.export.JsonExport;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's part of the data export: everything analytics-service holds about them. profile-service
 * puts it into the one document of {@code GET /api/v1/users/me/export}; it can be read on its own too.
 */
@Path("/api/v1/analytics/users/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Data export")
public class ExportResource {

    /** Every table that is about a user, whole rows; the activity history last (it is the long one). */
    static final List<Section> SECTIONS = List.of(
            Section.one("profile", "select * from user_profile where user_id = ?"),
            Section.one("xp", "select * from user_xp where user_id = ?"),
            Section.one("streak", "select * from streak_state where user_id = ?"),
            Section.list("streak_repairs", "select * from streak_repair where user_id = ? order by day"),
            Section.list("quests", "select * from quest where user_id = ? order by quest_date, quest_id"),
            Section.list("achievements", "select * from achievement_unlock where user_id = ? order by unlocked_at"),
            Section.list("memberships", "select * from org_member where user_id = ? order by organization_id"),
            Section.list("leaderboard_entries", "select * from leaderboard_entry where user_id = ?"),
            Section.one("activity_summary", "select * from user_activity where user_id = ?"),
            Section.list("days", "select * from user_day where user_id = ? order by day"),
            Section.list("days_by_source", "select * from user_day_source where user_id = ? order by day"),
            Section.list("xp_by_day_and_category", "select * from user_day_xp where user_id = ? order by day"),
            Section.list("xp_awards", "select * from xp_award where user_id = ? order by occurred_at"),
            Section.list("activities", "select * from activity where user_id = ? order by occurred_at, event_id"));

    @Inject
    JsonExport export;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Export what analytics holds about me",
            description = "One JSON object, streamed: profile facts, XP totals, streak, streak repairs, quests, achievements, "
                    + "organization memberships, leaderboard entries, activity summary, per-day rows (days, days_by_source, "
                    + "xp_by_day_and_category), every XP award and every recorded activity. Each entry is a stored row: its keys are the "
                    + "columns (snake_case), instants in RFC 3339 UTC, dates as YYYY-MM-DD; a single section is null when empty.")
    @APIResponse(responseCode = "200", description = "The caller's analytics data.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    public StreamingOutput export() {
        return export.document(identity.getPrincipal().getName(), SECTIONS);
    }
}
