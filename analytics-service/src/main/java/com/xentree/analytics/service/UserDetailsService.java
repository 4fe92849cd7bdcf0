package com.xentree.analytics.service;

import com.xentree.analytics.Quests;
import com.xentree.analytics.Streaks;
import com.xentree.analytics.rest.LearnerResponses.AchievementItem;
import com.xentree.analytics.rest.LearnerResponses.Challenge;
import com.xentree.analytics.rest.LearnerResponses.DetailStats;
import com.xentree.analytics.rest.LearnerResponses.Reward;
import com.xentree.analytics.rest.LearnerResponses.StreakSummary;
import com.xentree.analytics.rest.LearnerResponses.UserDetailsResponse;
import com.xentree.events.LocalDay;
import com.xentree.foundation.rest.ApiException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consolidated view of one user (stats, XP by category, achievements, quest history, boosts
 * earned, streaks). Readable by the user, a platform admin, or an owner or admin of an organization
 * the user belongs to.
 */
@ApplicationScoped
public class UserDetailsService {

    /** Quest history shown, newest first. */
    public static final int MAX_CHALLENGES = 100;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LearnerAnalyticsService analytics;
    @Inject
    Clock clock;

    public UserDetailsResponse details(String callerId, boolean platformAdmin, String userId) {
        try (Connection c = dataSource.getConnection()) {
            if (!callerId.equals(userId) && !platformAdmin && !administersAnOrganizationOf(c, callerId, userId)) {
                // the same answer whether or not the user exists: no probing for ids
                throw new ApiException(403, "Only the user, a platform admin or an admin of the user's organization can see this");
            }
            String zone = LearnerFacts.zone(c, userId);
            LocalDate today = LocalDay.today(clock.instant(), zone);
            Streaks.Status streak = LearnerFacts.streak(c, userId, today);

            Map<String, Long> breakdown = new LinkedHashMap<>();
            long xpTotal = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "select category, sum(xp) from user_day_xp where user_id = ? group by category order by sum(xp) desc, category")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        breakdown.put(rs.getString(1), rs.getLong(2));
                        xpTotal += rs.getLong(2);
                    }
                }
            }
            breakdown.put("total", xpTotal);

            List<Challenge> challenges = new ArrayList<>();
            List<Reward> rewards = new ArrayList<>();
            int started = 0;
            int completed = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    select quest_id::text, quest_date, title, category, target_value, current_progress, completed_at, reward_multiplier,
                           reward_duration
                      from quest where user_id = ? order by quest_date desc, category""")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp done = rs.getTimestamp(7);
                        int progress = rs.getInt(6);
                        LocalDate date = rs.getObject(2, LocalDate.class);
                        started += progress > 0 ? 1 : 0;
                        String status = Quests.status(done != null, date, today);
                        if (done != null) {
                            completed++;
                            Instant at = done.toInstant();
                            rewards.add(new Reward(rs.getString(1), "xp_boost", rs.getBigDecimal(8).doubleValue(), rs.getInt(9), at,
                                    at.plus(Duration.ofMinutes(rs.getInt(9)))));
                        }
                        if (challenges.size() < MAX_CHALLENGES) {
                            challenges.add(new Challenge(rs.getString(1), date, rs.getString(3), rs.getString(4), status, rs.getInt(5),
                                    progress, done == null ? null : done.toInstant()));
                        }
                    }
                }
            }
            List<AchievementItem> achievements = analytics.achievementItems(c, userId, streak);
            long minutes = LearnerFacts.scalar(c, "select coalesce(sum(learning_seconds / 60), 0) from user_day where user_id = ?", userId);
            int activeDays = (int) LearnerFacts.scalar(c, "select count(*) from user_day where user_id = ? and sessions > 0", userId);
            long totalXp = LearnerFacts.scalar(c, "select coalesce(max(total_xp), 0) from user_xp where user_id = ?", userId);
            int level = (int) Math.max(1, LearnerFacts.scalar(c, "select coalesce(max(level), 1) from user_xp where user_id = ?", userId));
            DetailStats stats = new DetailStats(totalXp, level, (int) achievements.stream().filter(AchievementItem::isCompleted).count(),
                    completed, started, rewards.size(), minutes, activeDays);

            try (PreparedStatement ps = c.prepareStatement(
                    "select username, email, full_name, avatar_url, created_at from user_profile where user_id = ?")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean known = rs.next();
                    return new UserDetailsResponse(userId, known ? rs.getString(1) : null, known ? rs.getString(2) : null,
                            known ? rs.getString(3) : null, known ? rs.getString(4) : null,
                            known && rs.getTimestamp(5) != null ? rs.getTimestamp(5).toInstant() : null, stats, breakdown, achievements,
                            challenges, rewards, new StreakSummary(streak.current(), streak.longest(), streak.dayOnly(), streak.lastActiveDate()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean administersAnOrganizationOf(Connection c, String callerId, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select 1 from org_member admin join org_member member on member.organization_id = admin.organization_id
                 where admin.user_id = ? and admin.role in ('owner', 'admin') and member.user_id = ? limit 1""")) {
            ps.setString(1, callerId);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
