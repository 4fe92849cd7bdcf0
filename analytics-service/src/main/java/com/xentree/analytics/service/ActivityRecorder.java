package com.xentree.analytics.service;

import com.xentree.foundation.messaging.LearningActivityHandler;
import com.xentree.events.LearningActivity;
import com.xentree.events.LocalDay;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records {@code learning.activity.v1} as activity facts, per-user, per-local-day totals (also per
 * source) and each user's active days, one set-based statement per table for the whole batch, then
 * refreshes the touched users' streaks, quests and achievements.
 */
@ApplicationScoped
public class ActivityRecorder implements LearningActivityHandler {

    private final AgroalDataSource dataSource;
    private final UserZones userZones;
    private final LearnerProgress progress;

    ActivityRecorder(AgroalDataSource dataSource, UserZones userZones, LearnerProgress progress) {
        this.dataSource = dataSource;
        this.userZones = userZones;
        this.progress = progress;
    }

    @Override
    public String consumerGroup() {
        return LearnerProgress.CONSUMER_GROUP;
    }

    @Override
    public int applyOrder() {
        return 0; // a poll's activities before its XP awards, the order they happen in
    }

    @Override
    public void apply(List<LearningActivity> events) {
        Map<String, String> zones = userZones.of(events.stream().filter(e -> e.timeZone() == null)
                .map(LearningActivity::userId).distinct().toList());
        int n = events.size();
        Object[] ids = new Object[n], users = new Object[n], at = new Object[n], days = new Object[n], tz = new Object[n],
                types = new Object[n], sources = new Object[n], categories = new Object[n], seconds = new Object[n],
                xp = new Object[n], scores = new Object[n];
        for (int i = 0; i < n; i++) {
            LearningActivity e = events.get(i);
            String zone = e.timeZone() != null ? e.timeZone() : zones.getOrDefault(e.userId(), LocalDay.DEFAULT_ZONE.getId());
            LocalDate day = LocalDay.of(e.occurredAt(), zone);
            ids[i] = e.eventId();
            users[i] = e.userId();
            at[i] = Timestamp.from(e.occurredAt());
            days[i] = java.sql.Date.valueOf(day);
            tz[i] = zone;
            types[i] = e.activityType();
            sources[i] = e.source();
            categories[i] = e.category();
            seconds[i] = e.durationSeconds();
            xp[i] = e.xp();
            scores[i] = e.score();
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into activity (event_id, user_id, occurred_at, local_day, time_zone, activity_type, source, category,
                                          duration_seconds, xp, score)
                    select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::date[], ?::text[], ?::text[], ?::text[],
                                         ?::text[], ?::bigint[], ?::int[], ?::int[])
                    on conflict (event_id) do nothing""")) {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                ps.setArray(2, c.createArrayOf("text", users));
                ps.setArray(3, c.createArrayOf("timestamptz", at));
                ps.setArray(4, c.createArrayOf("date", days));
                ps.setArray(5, c.createArrayOf("text", tz));
                ps.setArray(6, c.createArrayOf("text", types));
                ps.setArray(7, c.createArrayOf("text", sources));
                ps.setArray(8, c.createArrayOf("text", categories));
                ps.setArray(9, c.createArrayOf("bigint", seconds));
                ps.setArray(10, c.createArrayOf("int4", xp));
                ps.setArray(11, c.createArrayOf("int4", scores));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into user_day (user_id, day, learning_seconds, sessions)
                    select u, d, sum(s), count(*) from unnest(?::text[], ?::date[], ?::bigint[]) as t(u, d, s)
                    group by u, d order by u, d
                    on conflict (user_id, day) do update
                       set learning_seconds = user_day.learning_seconds + excluded.learning_seconds,
                           sessions = user_day.sessions + excluded.sessions""")) {
                ps.setArray(1, c.createArrayOf("text", users));
                ps.setArray(2, c.createArrayOf("date", days));
                ps.setArray(3, c.createArrayOf("bigint", seconds));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into user_day_source (user_id, day, source, learning_seconds, sessions)
                    select u, d, src, sum(s), count(*) from unnest(?::text[], ?::date[], ?::text[], ?::bigint[]) as t(u, d, src, s)
                    group by u, d, src order by u, d, src
                    on conflict (user_id, day, source) do update
                       set learning_seconds = user_day_source.learning_seconds + excluded.learning_seconds,
                           sessions = user_day_source.sessions + excluded.sessions""")) {
                ps.setArray(1, c.createArrayOf("text", users));
                ps.setArray(2, c.createArrayOf("date", days));
                ps.setArray(3, c.createArrayOf("text", sources));
                ps.setArray(4, c.createArrayOf("bigint", seconds));
                ps.executeUpdate();
            }
            // the learners' active days and all-time learning time in one row each, for progress and streak reads
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into user_activity (user_id, active_days, learning_seconds)
                    select u, array_agg(distinct d - date '1970-01-01'), sum(s) from unnest(?::text[], ?::date[], ?::bigint[]) as t(u, d, s)
                    group by u order by u
                    on conflict (user_id) do update
                       set active_days = (select array_agg(distinct x order by x) from unnest(user_activity.active_days || excluded.active_days) as x),
                           learning_seconds = user_activity.learning_seconds + excluded.learning_seconds""")) {
                ps.setArray(1, c.createArrayOf("text", users));
                ps.setArray(2, c.createArrayOf("date", days));
                ps.setArray(3, c.createArrayOf("bigint", seconds));
                ps.executeUpdate();
            }
            Map<String, Instant> latest = new HashMap<>();
            for (LearningActivity e : events) {
                latest.merge(e.userId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            progress.refreshBeforeCommit(latest);
        } catch (SQLException e) {
            throw new IllegalStateException("could not record activities", e);
        }
    }
}
