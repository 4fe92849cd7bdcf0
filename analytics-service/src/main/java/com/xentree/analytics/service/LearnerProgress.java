package com.xentree.analytics.service;

import com.xentree.analytics.Achievements;
import com.xentree.analytics.Quests;
import com.xentree.analytics.Streaks;
import com.xentree.analytics.messaging.Outbox;
import com.xentree.events.LocalDay;
import com.xentree.events.ProgressEvent;
import com.xentree.events.QuestItem;
import com.xentree.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * After new facts for some users are recorded, works out what changed in their streaks, today's
 * quests and achievements, and announces it on {@code analytics.progress.v1} through the outbox, in
 * the same transaction. Completions and unlocks are announced once, with ids derived from what was
 * completed, so a replay announces the same ids.
 */
@ApplicationScoped
public class LearnerProgress {

    private final Outbox outbox;
    private final Clock clock;

    LearnerProgress(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param latestByUser each touched user and the latest {@code occurred_at} of their new facts */
    public void refresh(Connection c, Map<String, Instant> latestByUser) throws SQLException {
        List<Outbox.Message> messages = new ArrayList<>();
        for (Map.Entry<String, Instant> e : new TreeMap<>(latestByUser).entrySet()) {
            refreshUser(c, e.getKey(), e.getValue(), messages);
        }
        outbox.add(messages);
    }

    /** Re-evaluates one user's streak on their {@code today} and announces a change; used after a repair too. */
    public Streaks.Status refreshStreak(Connection c, String userId, LocalDate today, List<Outbox.Message> messages) throws SQLException {
        Streaks.Status s = LearnerFacts.streak(c, userId, today);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into streak_state (user_id, current_streak, longest_streak, day_only_streak, current_streak_valid_through,
                                          day_only_streak_valid_through)
                values (?, ?, ?, ?, ?, ?)
                on conflict (user_id) do update
                   set current_streak = excluded.current_streak, longest_streak = excluded.longest_streak,
                       day_only_streak = excluded.day_only_streak,
                       current_streak_valid_through = excluded.current_streak_valid_through,
                       day_only_streak_valid_through = excluded.day_only_streak_valid_through
                 where (streak_state.current_streak, streak_state.longest_streak, streak_state.day_only_streak,
                        streak_state.current_streak_valid_through, streak_state.day_only_streak_valid_through)
                       is distinct from
                       (excluded.current_streak, excluded.longest_streak, excluded.day_only_streak,
                        excluded.current_streak_valid_through, excluded.day_only_streak_valid_through)""")) {
            ps.setString(1, userId);
            ps.setInt(2, s.current());
            ps.setInt(3, s.longest());
            ps.setInt(4, s.dayOnly());
            ps.setObject(5, s.currentValidThrough());
            ps.setObject(6, s.dayOnlyValidThrough());
            if (ps.executeUpdate() == 1) {
                messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, userId, ProgressEvent.streakChanged(UUID.randomUUID(),
                        clock.instant(), userId, s.current(), s.longest(), s.dayOnly(), s.currentValidThrough(), s.dayOnlyValidThrough())));
            }
        }
        return s;
    }

    private void refreshUser(Connection c, String userId, Instant latest, List<Outbox.Message> messages) throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDay.today(now, LearnerFacts.zone(c, userId));
        Streaks.Status streak = refreshStreak(c, userId, today, messages);
        refreshQuests(c, userId, today, latest.isAfter(now) ? now : latest, messages);
        refreshAchievements(c, userId, streak, now, messages);
    }

    private void refreshQuests(Connection c, String userId, LocalDate today, Instant completedAt, List<Outbox.Message> messages)
            throws SQLException {
        Quests.DayTotals totals = LearnerFacts.dayTotals(c, userId, today);
        Map<UUID, Integer> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select quest_id, current_progress from quest where user_id = ? and quest_date = ?")) {
            ps.setString(1, userId);
            ps.setObject(2, today);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
        }
        boolean changed = false;
        List<QuestItem> items = new ArrayList<>();
        for (Quests.Quest q : Quests.draw(userId, today)) {
            int progress = Quests.progress(q, totals);
            if (!Objects.equals(stored.get(q.id()), progress)) {
                changed = true;
                upsertQuest(c, userId, today, q, progress);
            }
            boolean completed = progress >= q.target() && markCompleted(c, q, completedAt);
            if (completed) {
                UUID eventId = UUID.nameUUIDFromBytes(("quest_completed:" + q.id()).getBytes(StandardCharsets.UTF_8));
                messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, userId, ProgressEvent.questCompleted(eventId, completedAt,
                        userId, q.id().toString(), today, q.rewardMultiplier().doubleValue(), q.rewardMinutes())));
            }
            items.add(Quests.item(q, today, progress, false, today));
        }
        if (changed) {
            messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, userId,
                    ProgressEvent.questsChanged(UUID.randomUUID(), clock.instant(), userId, today, items)));
        }
    }

    private static void upsertQuest(Connection c, String userId, LocalDate day, Quests.Quest q, int progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into quest (quest_id, user_id, quest_date, category, title, target_value, current_progress, reward_multiplier,
                                   reward_duration)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (quest_id) do update set current_progress = excluded.current_progress""")) {
            ps.setObject(1, q.id());
            ps.setString(2, userId);
            ps.setObject(3, day);
            ps.setString(4, q.category());
            ps.setString(5, q.title());
            ps.setInt(6, q.target());
            ps.setInt(7, progress);
            ps.setBigDecimal(8, q.rewardMultiplier());
            ps.setInt(9, q.rewardMinutes());
            ps.executeUpdate();
        }
    }

    /** True for the one caller that marks the quest completed. */
    private static boolean markCompleted(Connection c, Quests.Quest q, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update quest set completed_at = ? where quest_id = ? and completed_at is null")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, q.id());
            return ps.executeUpdate() == 1;
        }
    }

    private void refreshAchievements(Connection c, String userId, Streaks.Status streak, Instant now, List<Outbox.Message> messages)
            throws SQLException {
        Achievements.Standing standing = standing(c, userId, streak);
        for (Achievements.Achievement a : Achievements.CATALOGUE) {
            if (Achievements.progress(a, standing) < a.goal()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into achievement_unlock (user_id, achievement_id, unlocked_at) values (?, ?, ?) on conflict do nothing")) {
                ps.setString(1, userId);
                ps.setString(2, a.id());
                ps.setTimestamp(3, Timestamp.from(now));
                if (ps.executeUpdate() == 1) {
                    UUID eventId = UUID.nameUUIDFromBytes(("achievement:" + userId + ":" + a.id()).getBytes(StandardCharsets.UTF_8));
                    messages.add(new Outbox.Message(Topics.ANALYTICS_PROGRESS, userId,
                            ProgressEvent.achievementUnlocked(eventId, now, userId, a.id())));
                }
            }
        }
    }

    static Achievements.Standing standing(Connection c, String userId, Streaks.Status streak) throws SQLException {
        return new Achievements.Standing(streak.longest(),
                LearnerFacts.scalar(c, "select coalesce(sum(learning_seconds), 0) from user_day where user_id = ?", userId),
                (int) Math.max(1, LearnerFacts.scalar(c, "select level from user_xp where user_id = ?", userId)),
                (int) LearnerFacts.scalar(c, "select count(*) from quest where user_id = ? and completed_at is not null", userId));
    }
}
