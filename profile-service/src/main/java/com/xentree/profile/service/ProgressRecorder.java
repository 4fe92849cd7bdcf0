package com.xentree.profile.service;

import static com.xentree.foundation.sql.SqlArrays.column;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xentree.events.ProgressEvent;
import com.xentree.foundation.messaging.ProgressHandler;
import com.xentree.foundation.sql.Sql;
import com.xentree.profile.XpBoost;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies {@code analytics.progress.v1}: streak figures and the day's quests for the profiles (the
 * newest announcement wins), and the XP boost a completed quest grants, including the extra XP of
 * activities it covers that were credited before the boost was known.
 */
@ApplicationScoped
public class ProgressRecorder implements ProgressHandler {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    XpLedger ledger;
    @Inject
    XpBoosts boosts;
    @Inject
    ObjectMapper json;

    @Override
    public void apply(List<ProgressEvent> events) {
        // per user only the newest streak and quest announcement matters (ties: the later one read)
        Map<String, ProgressEvent> streaks = new TreeMap<>();
        Map<String, ProgressEvent> quests = new TreeMap<>();
        List<ProgressEvent> completed = new ArrayList<>();
        for (ProgressEvent e : events) {
            switch (e.type()) {
                case ProgressEvent.STREAK_CHANGED -> streaks.merge(e.userId(), e, ProgressRecorder::newer);
                case ProgressEvent.QUESTS_CHANGED -> quests.merge(e.userId(), e, ProgressRecorder::newer);
                case ProgressEvent.QUEST_COMPLETED -> completed.add(e);
                default -> {
                    // achievements are shown by analytics-service, not by profiles
                }
            }
        }
        try (Connection c = dataSource.getConnection()) {
            recordStreaks(c, streaks.values());
            recordQuests(c, quests.values());
            for (ProgressEvent e : completed) {
                recordBoost(c, e);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not record progress", e);
        }
    }

    private static ProgressEvent newer(ProgressEvent a, ProgressEvent b) {
        return b.occurredAt().isBefore(a.occurredAt()) ? a : b;
    }

    private void recordBoost(Connection c, ProgressEvent e) throws SQLException {
        Map<String, Long> totals = ledger.lockTotals(c, List.of(e.userId()));
        Optional<XpBoost> boost = boosts.record(c, e);
        if (boost.isPresent()) {
            ledger.append(c, totals, boosts.lateAdjustments(c, e.userId(), e.eventId(), boost.get()));
        }
    }

    /** One statement for the batch; an announcement older than the one recorded changes nothing. */
    private static void recordStreaks(Connection c, Collection<ProgressEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<ProgressEvent> rows = List.copyOf(events);
        Sql.update(c, """
                insert into user_progress (user_id, current_streak, longest_streak, day_only_streak, current_streak_valid_through,
                                           day_only_streak_valid_through, streak_as_of)
                select * from unnest(?::text[], ?::int[], ?::int[], ?::int[], ?::date[], ?::date[], ?::timestamptz[])
                on conflict (user_id) do update
                   set current_streak = excluded.current_streak, longest_streak = excluded.longest_streak,
                       day_only_streak = excluded.day_only_streak,
                       current_streak_valid_through = excluded.current_streak_valid_through,
                       day_only_streak_valid_through = excluded.day_only_streak_valid_through,
                       streak_as_of = excluded.streak_as_of
                 where user_progress.streak_as_of is null or user_progress.streak_as_of <= excluded.streak_as_of""",
                column(c, "text", rows, ProgressEvent::userId),
                column(c, "int4", rows, ProgressEvent::currentStreak),
                column(c, "int4", rows, ProgressEvent::longestStreak),
                column(c, "int4", rows, ProgressEvent::dayOnlyStreak),
                column(c, "date", rows, e -> sqlDate(e.currentStreakValidThrough())),
                column(c, "date", rows, e -> sqlDate(e.dayOnlyStreakValidThrough())),
                column(c, "timestamptz", rows, e -> Timestamp.from(e.occurredAt())));
    }

    private void recordQuests(Connection c, Collection<ProgressEvent> events) throws SQLException, JsonProcessingException {
        if (events.isEmpty()) {
            return;
        }
        List<ProgressEvent> rows = List.copyOf(events);
        List<String> quests = new ArrayList<>(rows.size());
        for (ProgressEvent e : rows) {
            quests.add(json.writeValueAsString(e.quests()));
        }
        Sql.update(c, """
                insert into user_progress (user_id, quest_date, quests, quests_as_of)
                select u, d, q::jsonb, t from unnest(?::text[], ?::date[], ?::text[], ?::timestamptz[]) as x(u, d, q, t)
                on conflict (user_id) do update
                   set quest_date = excluded.quest_date, quests = excluded.quests, quests_as_of = excluded.quests_as_of
                 where user_progress.quests_as_of is null or user_progress.quests_as_of <= excluded.quests_as_of""",
                column(c, "text", rows, ProgressEvent::userId),
                column(c, "date", rows, e -> sqlDate(e.questDate())),
                c.createArrayOf("text", quests.toArray()),
                column(c, "timestamptz", rows, e -> Timestamp.from(e.occurredAt())));
    }

    private static java.sql.Date sqlDate(LocalDate day) {
        return day == null ? null : java.sql.Date.valueOf(day);
    }
}
