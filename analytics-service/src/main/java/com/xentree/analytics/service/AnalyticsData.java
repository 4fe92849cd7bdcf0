package com.xentree.analytics.service;

import com.xentree.foundation.erasure.PersonalData;
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What analytics-service holds about a user: activity facts, day rows, totals, streaks and repairs,
 * quests, achievements, organization memberships, leaderboard places, profile facts. The leaderboard
 * row goes at once (not at the next refresh), so nobody sees the erased user ranked meanwhile.
 */
@ApplicationScoped
public class AnalyticsData implements PersonalData {

    private static final List<String> USER_TABLES = List.of("activity", "user_day", "user_day_source", "user_day_xp", "user_xp",
            "user_activity", "xp_award", "streak_repair", "streak_state", "quest", "achievement_unlock", "org_member", "leaderboard_entry",
            "user_profile", "outbox_event");

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void erase(String userId) {
        try (Connection c = dataSource.getConnection()) {
            for (String table : USER_TABLES) {
                // the outbox is keyed by user id: announcements about the user not yet published go too
                String column = table.equals("outbox_event") ? "record_key" : "user_id";
                Sql.update(c, "delete from " + table + " where " + column + " = ?", userId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not erase a user's analytics", e);
        }
    }
}
