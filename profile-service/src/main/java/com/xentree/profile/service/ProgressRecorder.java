package com.xentree.profile.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.ProgressEvent;
import com.xentree.events.Topics;
import com.xentree.profile.XpBoost;
import com.xentree.profile.messaging.BatchHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies {@code analytics.progress.v1}: streak figures and the day's quests for the profiles (the
 * newest announcement wins), and the XP boost a completed quest grants, including the extra XP of
 * activities it covers that were credited before the boost was known.
 */
@ApplicationScoped
public class ProgressRecorder implements BatchHandler<ProgressEvent> {

    private final AgroalDataSource dataSource;
    private final XpLedger ledger;
    private final XpBoosts boosts;
    private final ObjectMapper json;

    ProgressRecorder(AgroalDataSource dataSource, XpLedger ledger, XpBoosts boosts, ObjectMapper json) {
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.boosts = boosts;
        this.json = json;
    }

    @Override
    public String topic() {
        return Topics.ANALYTICS_PROGRESS;
    }

    @Override
    public Class<ProgressEvent> type() {
        return ProgressEvent.class;
    }

    @Override
    public UUID eventId(ProgressEvent event) {
        return event.eventId();
    }

    @Override
    public List<String> violations(ProgressEvent event, Instant now) {
        return event.violations();
    }

    @Override
    public void apply(List<ProgressEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            for (ProgressEvent e : events) {
                switch (e.type()) {
                    case ProgressEvent.STREAK_CHANGED -> recordStreak(c, e);
                    case ProgressEvent.QUESTS_CHANGED -> recordQuests(c, e);
                    case ProgressEvent.QUEST_COMPLETED -> recordBoost(c, e);
                    default -> {
                        // achievements are shown by analytics-service, not by profiles
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not record progress", e);
        }
    }

    private void recordBoost(Connection c, ProgressEvent e) throws SQLException {
        Map<String, Long> totals = ledger.lockTotals(c, List.of(e.userId()));
        Optional<XpBoost> boost = boosts.record(c, e);
        if (boost.isPresent()) {
            ledger.append(c, totals, boosts.lateAdjustments(c, e.userId(), e.eventId(), boost.get()));
        }
    }

    private static void recordStreak(Connection c, ProgressEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into user_progress (user_id, current_streak, longest_streak, day_only_streak, current_streak_valid_through,
                                           day_only_streak_valid_through, streak_as_of)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (user_id) do update
                   set current_streak = excluded.current_streak, longest_streak = excluded.longest_streak,
                       day_only_streak = excluded.day_only_streak,
                       current_streak_valid_through = excluded.current_streak_valid_through,
                       day_only_streak_valid_through = excluded.day_only_streak_valid_through,
                       streak_as_of = excluded.streak_as_of
                 where user_progress.streak_as_of is null or user_progress.streak_as_of <= excluded.streak_as_of""")) {
            ps.setString(1, e.userId());
            ps.setInt(2, e.currentStreak());
            ps.setInt(3, e.longestStreak());
            ps.setInt(4, e.dayOnlyStreak());
            ps.setObject(5, e.currentStreakValidThrough());
            ps.setObject(6, e.dayOnlyStreakValidThrough());
            ps.setTimestamp(7, Timestamp.from(e.occurredAt()));
            ps.executeUpdate();
        }
    }

    private void recordQuests(Connection c, ProgressEvent e) throws SQLException, JsonProcessingException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into user_progress (user_id, quest_date, quests, quests_as_of) values (?, ?, ?::jsonb, ?)
                on conflict (user_id) do update
                   set quest_date = excluded.quest_date, quests = excluded.quests, quests_as_of = excluded.quests_as_of
                 where user_progress.quests_as_of is null or user_progress.quests_as_of <= excluded.quests_as_of""")) {
            ps.setString(1, e.userId());
            ps.setObject(2, e.questDate());
            ps.setString(3, json.writeValueAsString(e.quests()));
            ps.setTimestamp(4, Timestamp.from(e.occurredAt()));
            ps.executeUpdate();
        }
    }
}
