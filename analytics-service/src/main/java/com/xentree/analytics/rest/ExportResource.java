package com.xentree.analytics.rest;

import com.xentree.foundation.export.ExportPartResource;
import com.xentree.foundation.export.JsonExport.Section;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's part of the data export: everything analytics-service holds about them. */
@Path("/api/v1/analytics/users/me/export")
@Tag(name = "Data export", description = "What analytics holds about the caller: profile facts, XP totals, streak, streak repairs, "
        + "quests, achievements, organization memberships, leaderboard entries, activity summary, per-day rows (days, days_by_source, "
        + "xp_by_day_and_category), every XP award and every recorded activity.")
public class ExportResource extends ExportPartResource {

    /** Every table that is about a user, whole rows; the activity history last (it is the long one). */
    static final List<Section> SECTIONS = List.of(
            Section.row("profile", "user_profile"),
            Section.row("xp", "user_xp"),
            Section.row("streak", "streak_state"),
            Section.rows("streak_repairs", "streak_repair", "day"),
            Section.rows("quests", "quest", "quest_date, quest_id"),
            Section.rows("achievements", "achievement_unlock", "unlocked_at"),
            Section.rows("memberships", "org_member", "organization_id"),
            Section.list("leaderboard_entries", "select * from leaderboard_entry where user_id = ?"),
            Section.row("activity_summary", "user_activity"),
            Section.rows("days", "user_day", "day"),
            Section.rows("days_by_source", "user_day_source", "day"),
            Section.rows("xp_by_day_and_category", "user_day_xp", "day"),
            Section.rows("xp_awards", "xp_award", "occurred_at"),
            Section.rows("activities", "activity", "occurred_at, event_id"));

    @Override
    protected List<Section> sections() {
        return SECTIONS;
    }
}
