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
import com.xentree.foundation.sql.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
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
import java.util.Optional;

/**
 * The consolidated view of one user (stats, XP by category, achievements, quest history, boosts
 * earned, streaks). Readable by the user, a platform admin, or an owner or admin of an organization
 * the user belongs to.
 */
@ApplicationScoped
public class UserDetailsService {

    /** Quest history shown, newest first. */
    public static final int MAX_CHALLENGES = 100;

    /** What this service knows of a user from {@code user.profile.v1}: the columns as stored, null where unknown. */
    record Profile(String username, String email, String fullName, String avatarUrl, Instant createdAt, String zone) {
    }

    /** The quest history and the boosts that completed quests granted. */
    private static final class QuestLog {
        final List<Challenge> challenges = new ArrayList<>();
        final List<Reward> rewards = new ArrayList<>();
        int started;
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LearnerAnalyticsService analytics;
    @Inject
    Clock clock;

    public UserDetailsResponse details(String callerId, boolean platformAdmin, String userId) {
        return Sql.withConnection(dataSource, c -> {
            checkMayRead(c, callerId, platformAdmin, userId);
            LocalDate today = LocalDay.today(clock.instant(), LearnerFacts.zone(c, userId));
            Streaks.Status streak = LearnerFacts.streak(c, userId, today);
            Map<String, Long> breakdown = xpByCategory(c, userId);
            breakdown.put("total", breakdown.values().stream().mapToLong(Long::longValue).sum());
            QuestLog quests = quests(c, userId, today);
            List<AchievementItem> achievements = analytics.achievementItems(c, userId, streak);
            long minutes = Sql.number(c, "select coalesce(sum(learning_seconds / 60), 0) from user_day where user_id = ?", userId);
            int activeDays = (int) Sql.number(c, "select count(*) from user_day where user_id = ? and sessions > 0", userId);
            DetailStats stats = new DetailStats(LearnerFacts.totalXp(c, userId), LearnerFacts.level(c, userId),
                    LearnerAnalyticsService.unlocked(achievements), quests.rewards.size(), quests.started, quests.rewards.size(), minutes,
                    activeDays);
            Profile p = profile(c, userId).orElse(new Profile(null, null, null, null, null, null));
            return new UserDetailsResponse(userId, p.username(), p.email(), p.fullName(), p.avatarUrl(), p.createdAt(), stats, breakdown,
                    achievements, quests.challenges, quests.rewards,
                    new StreakSummary(streak.current(), streak.longest(), streak.dayOnly(), streak.lastActiveDate()));
        });
    }

    /**
     * The user themselves, a platform admin, or an owner or admin of an organization the user belongs
     * to may read a user's details; anyone else gets the same 403 whether or not the user exists (no
     * probing for ids), a null {@code userId} (no such user) included.
     */
    static void checkMayRead(Connection c, String callerId, boolean platformAdmin, String userId) throws SQLException {
        if (platformAdmin || userId != null && (callerId.equals(userId) || Sql.exists(c, """
                select 1 from org_member admin join org_member member on member.organization_id = admin.organization_id
                 where admin.user_id = ? and admin.role in ('owner', 'admin') and member.user_id = ? limit 1""", callerId, userId))) {
            return;
        }
        throw new ApiException(403, "Only the user, a platform admin or an admin of the user's organization can see this");
    }

    /** Granted XP per category, the largest first: the figures of the leaderboards. */
    static Map<String, Long> xpByCategory(Connection c, String userId) throws SQLException {
        Map<String, Long> sums = new LinkedHashMap<>();
        Sql.each(c, "select category, sum(xp) from user_day_xp where user_id = ? group by category order by sum(xp) desc, category",
                rs -> sums.put(rs.getString(1), rs.getLong(2)), userId);
        return sums;
    }

    static Optional<Profile> profile(Connection c, String userId) throws SQLException {
        return Sql.first(c, "select username, email, full_name, avatar_url, created_at, time_zone from user_profile where user_id = ?",
                rs -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
                        rs.getString(6)), userId);
    }

    private static QuestLog quests(Connection c, String userId, LocalDate today) throws SQLException {
        QuestLog log = new QuestLog();
        Sql.each(c, """
                select quest_id::text, quest_date, title, category, target_value, current_progress, completed_at, reward_multiplier,
                       reward_duration
                  from quest where user_id = ? order by quest_date desc, category""", rs -> {
            Instant done = instant(rs.getTimestamp(7));
            LocalDate date = rs.getObject(2, LocalDate.class);
            log.started += rs.getInt(6) > 0 ? 1 : 0;
            if (done != null) {
                log.rewards.add(new Reward(rs.getString(1), "xp_boost", rs.getBigDecimal(8).doubleValue(), rs.getInt(9), done,
                        done.plus(Duration.ofMinutes(rs.getInt(9)))));
            }
            if (log.challenges.size() < MAX_CHALLENGES) {
                log.challenges.add(new Challenge(rs.getString(1), date, rs.getString(3), rs.getString(4),
                        Quests.status(done != null, date, today), rs.getInt(5), rs.getInt(6), done));
            }
        }, userId);
        return log;
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
